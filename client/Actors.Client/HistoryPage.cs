namespace Actors.Client;

/// <summary>One page of an actor's history, oldest first.</summary>
/// <param name="Entries">The checkpoints of the page, each with its old and new values.</param>
/// <param name="Limit">The most entries the page could hold.</param>
/// <param name="Offset">How many checkpoints come before the page.</param>
/// <param name="Total">How many checkpoints the actor has.</param>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries, int Limit, int Offset, long Total)
{
    /// <summary>True when checkpoints follow this page.</summary>
    public bool HasMore => Offset + Entries.Count < Total;
}
