namespace Actors.Abstractions.Storage;

/// <summary>Everything that commits in one transaction with a mutation set.</summary>
public sealed record AppendRequest(
    MutationSetRecord MutationSet,
    SnapshotRecord? Snapshot = null,
    IdempotencyRecord? Idempotency = null,
    AuditRecord? Audit = null)
{
    /// <summary>
    /// The data key the set's encrypted personal values (and its snapshot's and idempotency record's) were sealed with,
    /// when they have any. The store commits the append only while that key exists: a key destroyed by an erasure in the
    /// meantime refuses it with <see cref="Errors.DataKeyDestroyedException"/>, and nothing is written.
    /// </summary>
    public Guid? DataKeyId { get; init; }

    /// <summary>
    /// When set, this mutation set erases the actor's personal data: in the same transaction the store destroys every
    /// data key of the actor and purges what the erasure names (see <see cref="PersonalDataErasure"/>).
    /// </summary>
    public PersonalDataErasure? Erasure { get; init; }
}
