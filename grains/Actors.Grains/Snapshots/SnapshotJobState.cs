namespace Actors.Grains.Snapshots;

/// <summary>
/// A snapshot job's persisted state (grain storage <see cref="SnapshotJobGrain.StorageName"/>): what it is of, how far it
/// got, and how it ended. <see cref="After"/> and <see cref="Chunks"/> are the cursor a resumed job goes on from.
/// </summary>
public sealed class SnapshotJobState
{
    public string Status { get; set; } = SnapshotJobStatus.Pending;

    public string ActorType { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string? Reason { get; set; }

    public string Principal { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Actors written so far.</summary>
    public long Count { get; set; }

    public string? Error { get; set; }

    /// <summary>The id of the last actor the job has looked at; null before the first page.</summary>
    public string? After { get; set; }

    /// <summary>Chunks written so far; the next page becomes the chunk with this number.</summary>
    public int Chunks { get; set; }

    /// <summary>
    /// A copy one step on: <paramref name="written"/> more actors (in one more chunk when there are any), the cursor at
    /// <paramref name="after"/>.
    /// </summary>
    public SnapshotJobState Next(string status, string? after, int written, DateTimeOffset? completedAt, string? error = null) => new()
    {
        Status = status,
        ActorType = ActorType,
        At = At,
        Reason = Reason,
        Principal = Principal,
        CreatedAt = CreatedAt,
        CompletedAt = completedAt,
        Count = Count + written,
        Error = error,
        After = after,
        Chunks = written > 0 ? Chunks + 1 : Chunks,
    };
}
