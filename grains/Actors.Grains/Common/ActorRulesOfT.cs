using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.EventSourcing;
using Actors.Grains.Events;

namespace Actors.Grains;

/// <summary>
/// The rules of an actor type whose state is <typeparamref name="TState"/>: <see cref="Decide"/> turns a command into
/// events, validated against the state so far; <see cref="Apply"/> turns an event into the next state. Both are plain
/// methods with no Orleans and no I/O, so a test calls them directly.
/// </summary>
public abstract class ActorRules<TState> : ActorRules
    where TState : EntityState
{
    private MutationSetFormat<TState>? _format;

    /// <summary>The state record's JSON metadata.</summary>
    public JsonTypeInfo<TState> StateType => (JsonTypeInfo<TState>)Type.StateType;

    /// <summary>How this type's log entries and views map to journal rows.</summary>
    public MutationSetFormat<TState> Format => _format ??= new MutationSetFormat<TState>(this);

    /// <summary>
    /// Validates domain command <paramref name="command"/> (message <paramref name="type"/>) against <see cref="CommandTurn{TState}.State"/>
    /// and raises its events. Existence is checked before: <c>create</c> only reaches here for a new actor, any other
    /// command only for a live one.
    /// </summary>
    /// <exception cref="Actors.Abstractions.Errors.ActorException">A rule refuses the command.</exception>
    public abstract void Decide(CommandTurn<TState> turn, string type, object command);

    /// <summary>Applies one of this type's own events. Throws on an event it does not know (a journal newer than this code).</summary>
    public abstract TState Apply(TState? state, IActorEvent e);

    /// <summary>
    /// Recomputes fields derived from others after a rewind restored some fields (an order's total from its lines), so a
    /// rewind of only some fields never leaves the state contradicting itself.
    /// </summary>
    public virtual TState AfterRestore(TState state) => state;

    /// <summary>Applies any event of this type, the ones every type shares included: the one place state changes.</summary>
    public TState Transition(TState? state, IActorEvent e) => e switch
    {
        TagAdded t => (TState)(Existing(state) with { Tags = state!.Tags.Add(t.Key) }),
        TagRemoved t => (TState)(Existing(state) with { Tags = state!.Tags.Remove(t.Key) }),
        ActorDeleted => (TState)(Existing(state) with { Deleted = true }),
        ActorUndeleted => (TState)(Existing(state) with { Deleted = false }),
        StateRestored r => Restore(Existing(state), r),
        PersonalDataErased erased => Erase(Existing(state), erased),
        _ => Apply(state, e),
    };

    /// <summary>The state as <c>query</c> answers see it: the stored fields and <c>version</c>.</summary>
    public JsonObject ToJson(TState state, long version)
    {
        var json = JsonSerializer.SerializeToNode(state, StateType)!.AsObject();
        json[ActorTypeDescriptor.VersionField] = version;
        return json;
    }

    /// <inheritdoc />
    public override async Task<JsonObject?> ReadStateAsync(IJournalStore store, string id, long version, CancellationToken cancellationToken)
    {
        var (view, reached) = await JournalReplay.RebuildAsync(store, new ActorKey(Type.Name, id), version, Format, Format.Apply, cancellationToken);
        return view.State is null ? null : ToJson(view.State, reached);
    }

    /// <inheritdoc />
    public override async Task<string> ReadSnapshotAsync(IJournalStore store, string id, long version, CancellationToken cancellationToken)
    {
        var (view, reached) = await JournalReplay.RebuildAsync(store, new ActorKey(Type.Name, id), version, Format, Format.Apply, cancellationToken);
        return reached == version && view.State is not null
            ? Format.ToSnapshot(view)
            : throw new InvalidOperationException($"{Type.Name} {id} has no version {version} to snapshot.");
    }

    private static EntityState Existing(TState? state) =>
        state ?? throw new InvalidOperationException("An event other than creation was applied to an actor that does not exist.");

    private TState Restore(EntityState state, StateRestored restored)
    {
        var node = JsonSerializer.SerializeToNode((TState)state, StateType)!.AsObject();
        foreach (var (field, value) in restored.Changes)
        {
            node[field] = value?.DeepClone();
        }

        return AfterRestore(node.Deserialize(StateType)!);
    }

    /// <summary>The state with the erased fields null (personal fields are all nullable).</summary>
    private TState Erase(EntityState state, PersonalDataErased erased)
    {
        var node = JsonSerializer.SerializeToNode((TState)state, StateType)!.AsObject();
        foreach (var field in erased.Fields)
        {
            node[field] = null;
        }

        return node.Deserialize(StateType)!;
    }
}
