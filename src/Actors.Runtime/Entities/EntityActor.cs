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
        // With several silos on one journal (VerifyHeadBeforeTurn), this activation may be behind another silo's writes. A
        // turn that appends proves it was not: version v + 1 commits only if v was the newest. So the head is read only
        // when a turn ends without appending (a read, a refusal), after it ran; when it moved, the turn runs again on the
        // newest state. Either way an answer reflects every write acknowledged before the request began, whichever silo
        // acknowledged it, and a write costs no extra round trip. A preview reads the head first: its audit entry is
        // written once. With one process owning the journal, only an append whose answer was lost can have moved it.
        await EnsureFreshAsync(cancellationToken);
        var verified = !Context.Options.VerifyHeadBeforeTurn;
        if (!verified && request.Preview)
        {
            await RefreshAsync(cancellationToken);
            verified = true;
        }

        for (var attempt = 0; ; attempt++)
        {
            if (!request.Preview && request.IdempotencyKey is { } key
                && await Context.Store.FindIdempotencyAsync(Key, key, cancellationToken) is { } earlier)
            {
                if (!verified)
                {
                    await RefreshAsync(cancellationToken);
                }

                return Replay(earlier, request);
            }

            if (request.ExpectedVersion is { } expected && expected != Version)
            {
                if (!verified)
                {
                    verified = true;
                    await RefreshAsync(cancellationToken);
                    continue;
                }

                throw new ActorException(
                    ActorErrorKind.PreconditionFailed,
                    $"If-Match expected version {expected}, but {Descriptor.Name} {Key.Id} is at version {Version}.");
            }

            var before = Version;
            try
            {
                var result = await RunTurnAsync(request, cancellationToken);
                if (verified || Version != before)
                {
                    return result;
                }

                verified = true;
                if (!await CatchUpAsync(cancellationToken))
                {
                    return result;
                }
            }
            catch (ActorException) when (!verified)
            {
                verified = true;
                if (!await CatchUpAsync(cancellationToken))
                {
                    throw;
                }
            }
            catch (VersionConflictException) when (attempt < Context.Options.MaxConflictRetries)
            {
                // Another silo wrote this version first. ConfirmEventsAsync reloaded the tail; run the turn again on it.
                verified = true;
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
