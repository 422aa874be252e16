namespace Actors.Client;

/// <summary>One page of an actor's history, oldest first.</summary>
/// <param name="Entries">The checkpoints of the page, each with its old and new values.</param>
/// <param name="Limit">The most entries the page could hold.</param>
/// <param name="Offset">How many checkpoints come before the page.</param>
/// <param name="Total">How many checkpoints the actor has.</param>
/// <param name="EarliestVersion">
/// Where the actor's readable history starts: 1 when every version can be read (from the hot journal or the archive),
/// the boundary version after older history was pruned. A page that asks for an earlier point is refused (410).
/// </param>
/// <param name="EarliestTimestamp">The commit time of <paramref name="EarliestVersion"/> (UTC), when the server says it.</param>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries, int Limit, int Offset, long Total, long EarliestVersion = 1, DateTimeOffset? EarliestTimestamp = null)
{
    /// <summary>True when checkpoints follow this page.</summary>
    public bool HasMore => Offset + Entries.Count < Total;
}
