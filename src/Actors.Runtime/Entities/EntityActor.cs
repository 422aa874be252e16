using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Runtime.Entities.Events;
using Actors.Runtime.Journaling;

namespace Actors.Runtime.Entities;

/// <summary>
/// The base of every business actor (Order, Payment, ...): runs a batch of messages in one turn, gives
/// every actor the shared messages (query, checkpoints, rewind, tags, delete) and leaves to the subclass
/// only its own commands and events.
/// </summary>
public abstract partial class EntityActor<TState> : JournaledActor<TState, IActorEvent>
    where TState : EntityState
{
    /// <summary>What this actor type is.</summary>
    protected abstract ActorTypeDescriptor Descriptor { get; }

    /// <inheritdoc />
    protected sealed override EventCodec<IActorEvent> Codec => Descriptor.Codec;

    /// <inheritdoc />
    protected sealed override JsonTypeInfo<TState> StateTypeInfo => (JsonTypeInfo<TState>)Descriptor.StateType;

    /// <summary>
    /// Validates a domain command against <see cref="JournaledActor{TState,TEvent}.TentativeState"/> and raises its events.
    /// Existence is checked before: <c>create</c> only reaches here for a new actor, any other command only for a live one.
    /// </summary>
    /// <exception cref="ActorException">A rule refuses the command.</exception>
    protected abstract void HandleCommand(string type, object body, CommandContext context);

    /// <summary>Applies one of this type's own events. Throws on an event it does not know.</summary>
    protected abstract TState ApplyEvent(TState? state, IActorEvent e);

    /// <summary>
    /// Recomputes fields derived from others after a rewind restored some fields (an order's total from its
    /// lines), so a rewind of only some fields never leaves the state contradicting itself.
    /// </summary>
    protected virtual TState AfterRestore(TState state) => state;

    /// <inheritdoc />
    protected sealed override TState TransitionState(TState? state, IActorEvent e) => e switch
    {
        TagAdded t => (TState)(Existing(state) with { Tags = state!.Tags.Add(t.Key) }),
        TagRemoved t => (TState)(Existing(state) with { Tags = state!.Tags.Remove(t.Key) }),
        ActorDeleted => (TState)(Existing(state) with { Deleted = true }),
        ActorUndeleted => (TState)(Existing(state) with { Deleted = false }),
        StateRestored r => Restore(Existing(state), r),
        _ => ApplyEvent(state, e),
    };

    /// <inheritdoc />
    public sealed override async Task<BatchResult> ExecuteAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        if (Context.Options.VerifyHeadBeforeTurn)
        {
            // Another silo may have appended since this activation last looked. Read the tail, usually empty, so that
            // reads, If-Match and the turn all start from the newest version: a read reflects every write acknowledged
            // before it began, whichever silo acknowledged it.
            await RefreshAsync(cancellationToken);
        }
        else
        {
            // One process owns the journal: only an append whose answer was lost can have moved it behind our back.
            await EnsureFreshAsync(cancellationToken);
        }
        for (var attempt = 0; ; attempt++)
        {
            if (!request.Preview && request.IdempotencyKey is { } key
                && await Context.Store.FindIdempotencyAsync(Key, key, cancellationToken) is { } earlier)
            {
                return Replay(earlier, request);
            }

            if (request.ExpectedVersion is { } expected && expected != Version)
            {
                throw new ActorException(
                    ActorErrorKind.PreconditionFailed,
                    $"If-Match expected version {expected}, but {Descriptor.Name} {Key.Id} is at version {Version}.");
            }

            try
            {
                return await RunTurnAsync(request, cancellationToken);
            }
            catch (VersionConflictException) when (attempt < Context.Options.MaxConflictRetries)
            {
                // Another silo wrote this version first. ConfirmEventsAsync reloaded the tail; run the turn again on it.
            }
        }
    }

    private BatchResult Replay(IdempotencyRecord earlier, BatchRequest request)
    {
        if (!string.Equals(earlier.RequestHash, request.RequestHash ?? string.Empty, StringComparison.Ordinal))
        {
            throw new ActorException(
                ActorErrorKind.IdempotencyKeyReused,
                $"Idempotency-Key '{earlier.Key}' was already used for a different request.");
        }

        var results = JsonNode.Parse(earlier.Response)!.AsArray()
            .Select(r => new MessageResult((string)r!["type"]!, r["result"]?.DeepClone()))
            .ToList();
        return new BatchResult(results, Version, Replayed: true);
    }

    private static EntityState Existing(TState? state) =>
        state ?? throw new InvalidOperationException("An event other than creation was applied to an actor that does not exist.");

    private TState Restore(EntityState state, StateRestored restored)
    {
        var node = JsonSerializer.SerializeToNode((TState)state, StateTypeInfo)!.AsObject();
        foreach (var (field, value) in restored.Changes)
        {
            node[field] = value?.DeepClone();
        }

        return AfterRestore(node.Deserialize(StateTypeInfo)!);
    }
}
