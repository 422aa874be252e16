namespace Actors.Abstractions.Storage;

/// <summary>
/// Where an actor's history is kept, once it has been compacted (no boundary: everything is in the hot journal). The hot
/// journal keeps the mutation sets from <see cref="BoundaryVersion"/> on and a snapshot at it; the archive holds the sets
/// from <see cref="EarliestVersion"/> to just below the boundary; anything older was pruned.
/// </summary>
/// <param name="Actor">Whose history.</param>
/// <param name="BoundaryVersion">The oldest version left in the hot journal (its set and a snapshot of the state after it).</param>
/// <param name="BoundaryTimestamp">The commit time of that version.</param>
/// <param name="BoundaryGlobalVersion">The global version of that set.</param>
/// <param name="EarliestVersion">The oldest version whose state can still be read (1: nothing was pruned; the boundary: nothing archived).</param>
/// <param name="EarliestTimestamp">The commit time of that version.</param>
/// <param name="EarliestGlobalVersion">The global version of that set.</param>
/// <param name="CreatedTimestamp">The commit time of version 1: before it the actor did not exist (null state, not a pruned one).</param>
/// <param name="CreatedGlobalVersion">The global version of version 1.</param>
/// <param name="CompactedAt">When the boundary last moved.</param>
public sealed record HistoryBoundary(
    ActorKey Actor,
    long BoundaryVersion,
    DateTimeOffset BoundaryTimestamp,
    long BoundaryGlobalVersion,
    long EarliestVersion,
    DateTimeOffset EarliestTimestamp,
    long EarliestGlobalVersion,
    DateTimeOffset CreatedTimestamp,
    long CreatedGlobalVersion,
    DateTimeOffset CompactedAt)
{
    /// <summary>True when some versions below the boundary are in the archive tier.</summary>
    public bool HasArchive => EarliestVersion < BoundaryVersion;

    /// <summary>True when some versions can no longer be read at all.</summary>
    public bool HasPruned => EarliestVersion > 1;

    /// <summary>Where history starts, as answers report it.</summary>
    public HistoryStart Start => new(EarliestVersion, EarliestTimestamp, BoundaryVersion);
}
