using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.EventSourcing;

namespace Actors.Grains;

/// <summary>
/// How an actor type's log entries (<see cref="MutationSet"/>) and views (<see cref="ActorView{TState}"/>) map to journal
/// rows: events as a JSON array of <c>{ "type": "Order.TagAdded", "data": {...} }</c>, snapshots as the state's JSON.
/// </summary>
public sealed class MutationSetFormat<TState>(ActorRules<TState> rules) : IJournalFormat<ActorView<TState>, MutationSet>
    where TState : EntityState
{
    /// <inheritdoc />
    public AppendRequest ToAppend(ActorKey actor, long version, MutationSet entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var set = new MutationSetRecord(
            actor, version, entry.CheckpointId, entry.Timestamp, entry.Principal, entry.Operation,
            rules.Type.Codec.Encode(entry.Events), entry.Metadata, entry.Reason);
        return new AppendRequest(set, Idempotency: entry.Idempotency, Audit: entry.Audit)
        {
            Erasure = entry.ErasesPersonalData ? PersonalDataErasure.KeysOnly : null,
        };
    }

    /// <inheritdoc />
    public int EventCount(MutationSet entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Events.Count;
    }

    /// <inheritdoc />
    public MutationSet FromJournal(MutationSetRecord set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new MutationSet(set.CheckpointId, set.Timestamp, set.Principal, set.Operation, rules.Type.Codec.Decode(set.Events), set.Metadata, set.Reason);
    }

    /// <inheritdoc />
    public string ToSnapshot(ActorView<TState> view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return JsonSerializer.Serialize(view.State ?? throw new InvalidOperationException("A snapshot needs a state."), rules.StateType);
    }

    /// <inheritdoc />
    public ActorView<TState> FromSnapshot(SnapshotRecord snapshot, MutationSetRecord? snapshotSet)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new ActorView<TState>
        {
            State = JsonSerializer.Deserialize(snapshot.State, rules.StateType),
            LastTimestamp = snapshotSet?.Timestamp ?? default,
        };
    }

    /// <inheritdoc />
    public ActorView<TState> Copy(ActorView<TState> view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ActorView<TState> { State = view.State, LastTimestamp = view.LastTimestamp };
    }

    /// <summary>Applies every event of <paramref name="entry"/> to <paramref name="view"/>.</summary>
    public void Apply(ActorView<TState> view, MutationSet entry)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entry);
        var state = view.State;
        foreach (var e in entry.Events)
        {
            state = rules.Transition(state, e);
        }

        view.State = state;
        view.LastTimestamp = entry.Timestamp;
    }
}
