namespace Actors.Abstractions.Storage;

/// <summary>Everything that commits in one transaction with a mutation set.</summary>
public sealed record AppendRequest(
    MutationSetRecord MutationSet,
    SnapshotRecord? Snapshot = null,
    IdempotencyRecord? Idempotency = null,
    AuditRecord? Audit = null);
