namespace Actors.Grains.Snapshots;

/// <summary>
/// A snapshot job's persisted state (grain storage <see cref="SnapshotJobGrain.StorageName"/>): what it is of, how far it
/// got, and how it ended. <see cref="After"/> and <see cref="Chunks"/> are the cursor a resumed job goes on from. Orleans
/// serializes it as well when a silo that stops gracefully hands the running job over to another (activation migration).
/// </summary>
[GenerateSerializer]
public sealed class SnapshotJobState
{
    [Id(0)]
    public string Status { get; set; } = SnapshotJobStatus.Pending;

    [Id(1)]
    public string ActorType { get; set; } = "";

    [Id(2)]
    public DateTimeOffset At { get; set; }

    [Id(3)]
    public string? Reason { get; set; }

    [Id(4)]
    public string Principal { get; set; } = "";

    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(6)]
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Actors written so far.</summary>
    [Id(7)]
    public long Count { get; set; }

    [Id(8)]
    public string? Error { get; set; }

    /// <summary>The id of the last actor the job has looked at; null before the first page.</summary>
    [Id(9)]
    public string? After { get; set; }

    /// <summary>Chunks written so far; the next page becomes the chunk with this number.</summary>
    [Id(10)]
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
