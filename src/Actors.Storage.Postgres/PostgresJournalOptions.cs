namespace Actors.Storage.Postgres;

/// <summary>Settings of the PostgreSQL journal, bound from <c>Actors:Postgres</c> by the silo.</summary>
public sealed class PostgresJournalOptions
{
    /// <summary>
    /// Appends of different actors that arrive while earlier ones are committing share one statement, one transaction
    /// and one WAL flush (group commit). Each caller still returns only after its own mutation set has committed, and a
    /// set the group could not write (a version conflict, a gap, a reused idempotency key) is retried alone and fails
    /// alone. The catch-up reads of a silo that shares the journal (one per read turn) are grouped the same way, one
    /// query for many actors. Off: every append is its own transaction, every read its own query.
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>How many groups of each kind (appends, catch-up reads) may run at the same time, each on its own connection.</summary>
    public int GroupConnections { get; set; } = 4;

    /// <summary>The most mutation sets (or audit entries) one group commits.</summary>
    public int MaxGroupSize { get; set; } = 256;
}
