using Actors.Grains.Snapshots;

namespace Actors.Grains.History;

/// <summary>
/// A compaction job's persisted state (grain storage <see cref="SnapshotJobGrain.StorageName"/>): what it compacts, how
/// far it got (<see cref="After"/>, <see cref="Page"/>: the cursor a resumed job goes on from) and how it ended.
/// </summary>
[GenerateSerializer]
public sealed class CompactionJobState
{
    [Id(0)]
    public string Status { get; set; } = SnapshotJobStatus.Pending;

    [Id(1)]
    public string ActorType { get; set; } = "";

    [Id(2)]
    public DateTimeOffset Before { get; set; }

    [Id(3)]
    public bool Archive { get; set; }

    [Id(4)]
    public string? Reason { get; set; }

    [Id(5)]
    public string Principal { get; set; } = "";

    [Id(6)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(7)]
    public DateTimeOffset? CompletedAt { get; set; }

    [Id(8)]
    public long Actors { get; set; }

    [Id(9)]
    public long Sets { get; set; }

    [Id(10)]
    public long Files { get; set; }

    [Id(11)]
    public long ExpiredKeys { get; set; }

    [Id(12)]
    public string? Error { get; set; }

    /// <summary>The last actor id looked at; null before the first page.</summary>
    [Id(13)]
    public string? After { get; set; }

    /// <summary>Pages done so far (idempotency keys expired in page 0's step).</summary>
    [Id(14)]
    public int Page { get; set; }

    /// <summary>A copy, for a step to change and persist before it replaces the state.</summary>
    public CompactionJobState Copy() => (CompactionJobState)MemberwiseClone();
}
