using Actors.Abstractions.Storage;

namespace Actors.Grains;

/// <summary>
/// One log entry: the events of one batch, which is one checkpoint. Its id and commit time are chosen before the append
/// so a batch's results can name them.
/// </summary>
/// <param name="CheckpointId">The checkpoint's public id.</param>
/// <param name="Timestamp">Commit time, UTC, whole microseconds; never below the previous checkpoint's.</param>
/// <param name="Principal">Who sent the batch.</param>
/// <param name="Operation">CREATE, UPDATE, REWIND, ERASE, DELETE or UNDELETE.</param>
/// <param name="Events">The batch's events, in order.</param>
/// <param name="Metadata">JSON object stored with the checkpoint: the batch's commands and, for a rewind, its target.</param>
/// <param name="Reason">Why, when the caller said.</param>
public sealed record MutationSet(
    Guid CheckpointId,
    DateTimeOffset Timestamp,
    string Principal,
    string Operation,
    IReadOnlyList<IActorEvent> Events,
    string Metadata,
    string? Reason)
{
    /// <summary>The batch's answer, kept under its Idempotency-Key; commits in the same transaction as the set.</summary>
    public IdempotencyRecord? Idempotency { get; init; }

    /// <summary>The audit entry of a rewind, restore or erasure; commits in the same transaction as the set.</summary>
    public AuditRecord? Audit { get; init; }

    /// <summary>True for an ERASE: the actor's data keys are destroyed in the same transaction as the set.</summary>
    public bool ErasesPersonalData { get; init; }
}
