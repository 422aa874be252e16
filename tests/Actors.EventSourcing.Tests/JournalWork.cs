namespace Actors.EventSourcing.Tests;

/// <summary>What the silo asked of the journal for one actor: rows (mutation sets and snapshots) read, read calls, appends tried.</summary>
public sealed record JournalWork(long RowsRead, long Reads, long Appends)
{
    public static JournalWork operator -(JournalWork after, JournalWork before) =>
        new(after.RowsRead - before.RowsRead, after.Reads - before.Reads, after.Appends - before.Appends);
}
