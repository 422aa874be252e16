namespace Actors.Grains.Snapshots;

/// <summary>Where a compliance snapshot job is.</summary>
/// <param name="SnapshotId">The job's id.</param>
/// <param name="Status"><see cref="Pending"/>, <see cref="Running"/>, <see cref="Completed"/> or <see cref="Failed"/>.</param>
/// <param name="ActorType">The actor type it is of.</param>
/// <param name="At">The time the actors are taken as of.</param>
/// <param name="Reason">Why, as the caller gave it.</param>
/// <param name="Principal">Who asked.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="CompletedAt">When it completed or failed.</param>
/// <param name="Count">How many actors it has written.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Chunks">How many chunks of data it has written (numbered from 0).</param>
[GenerateSerializer, Immutable]
public sealed record SnapshotJobStatus(
    string SnapshotId,
    string Status,
    string ActorType,
    DateTimeOffset At,
    string? Reason,
    string Principal,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    long Count,
    string? Error,
    int Chunks)
{
    /// <summary>Asked for; no page written yet.</summary>
    public const string Pending = "pending";

    /// <summary>Writing pages.</summary>
    public const string Running = "running";

    /// <summary>Every actor written; the data can be read.</summary>
    public const string Completed = "completed";

    /// <summary>Given up: <see cref="Error"/> says why.</summary>
    public const string Failed = "failed";

    /// <summary>True once the job has completed or failed: nothing about it changes any more.</summary>
    public bool Finished => Status is Completed or Failed;
}
