namespace Actors.EventSourcing;

/// <summary>Settings of the journal log-consistency provider, bound from <c>Actors:Journal</c>.</summary>
public sealed class JournalOptions
{
    /// <summary>
    /// A snapshot of the view commits with every N-th mutation set, so activating a grain, or rebuilding any past state,
    /// reads one snapshot and fewer than N mutation sets whatever the length of the history.
    /// </summary>
    public int SnapshotInterval { get; set; } = 64;
}
