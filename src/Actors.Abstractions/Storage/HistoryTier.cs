namespace Actors.Abstractions.Storage;

/// <summary>
/// Which tier answered a read of history: the hot journal, or the archive for sets that left it. The tiered journal marks
/// the <see cref="Scope"/> of the read that reached the archive, and the answer reports it
/// (<c>Actors-History-Tier</c> over HTTP, <c>HistoryTier</c> in .NET answers).
/// </summary>
public static class HistoryTier
{
    /// <summary>Everything the answer read came from the hot journal.</summary>
    public const string Hot = "hot";

    /// <summary>Some of what the answer read came from the archive.</summary>
    public const string Archive = "archive";

    private static readonly AsyncLocal<Tracker?> Current = new();

    /// <summary>
    /// Starts tracking the tiers that reads in this asynchronous flow (and the calls it awaits) use; dispose to stop.
    /// A scope inside another marks the outer one as well.
    /// </summary>
    public static Tracker Scope()
    {
        var tracker = new Tracker(Current.Value);
        Current.Value = tracker;
        return tracker;
    }

    /// <summary>Records that the archive served part of the current read.</summary>
    public static void MarkArchive()
    {
        for (var tracker = Current.Value; tracker is not null; tracker = tracker.Outer)
        {
            tracker.UsedArchive = true;
        }
    }

    /// <summary>What one scope saw. A mutable holder, so marks made in awaited calls reach the scope's owner.</summary>
    public sealed class Tracker : IDisposable
    {
        internal Tracker(Tracker? outer) => Outer = outer;

        internal Tracker? Outer { get; }

        /// <summary>True once a read in the scope was served (partly) from the archive.</summary>
        public bool UsedArchive { get; internal set; }

        /// <summary><see cref="Archive"/> or <see cref="Hot"/>.</summary>
        public string Tier => UsedArchive ? Archive : Hot;

        /// <summary>Ends the scope: the flow tracks into the outer scope again.</summary>
        public void Dispose()
        {
            if (ReferenceEquals(Current.Value, this))
            {
                Current.Value = Outer;
            }
        }
    }
}
