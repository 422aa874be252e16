namespace Actors.Abstractions.Storage;

/// <summary>
/// Where an actor's readable history starts, as answers report it (<c>earliestVersion</c>, <c>earliestTimestamp</c>):
/// the oldest version whose state can still be read, from the hot journal or the archive, and when it committed. An
/// actor never compacted starts at version 1.
/// </summary>
/// <param name="EarliestVersion">The oldest readable version (1 unless history was pruned).</param>
/// <param name="EarliestTimestamp">When it committed; null when the actor has no version yet.</param>
/// <param name="BoundaryVersion">The oldest version in the hot journal (1 unless the actor was compacted).</param>
[GenerateSerializer, Immutable]
public sealed record HistoryStart(long EarliestVersion, DateTimeOffset? EarliestTimestamp, long BoundaryVersion);
