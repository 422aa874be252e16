namespace Actors.Grains.History;

/// <summary>Where a compaction job is.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Status">pending, running, completed or failed (as snapshot jobs).</param>
/// <param name="ActorType">The actor type it compacts.</param>
/// <param name="Before">Sets committed before this time leave the hot journal.</param>
/// <param name="Tier"><c>archive</c> or <c>prune</c>: where they go.</param>
/// <param name="Reason">Why, as the caller gave it.</param>
/// <param name="Principal">Who asked.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="CompletedAt">When it completed or failed.</param>
/// <param name="Actors">Actors whose boundary moved.</param>
/// <param name="Sets">Mutation sets that left the hot journal.</param>
/// <param name="Files">Archive files written.</param>
/// <param name="ExpiredKeys">Idempotency keys that expired in the job's first step.</param>
/// <param name="Error">Why it failed.</param>
[GenerateSerializer, Immutable]
public sealed record CompactionJobStatus(
    string JobId,
    string Status,
    string ActorType,
    DateTimeOffset Before,
    string Tier,
    string? Reason,
    string Principal,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    long Actors,
    long Sets,
    long Files,
    long ExpiredKeys,
    string? Error)
{
    /// <summary>True once the job has completed or failed.</summary>
    public bool Finished => Status is Snapshots.SnapshotJobStatus.Completed or Snapshots.SnapshotJobStatus.Failed;
}
