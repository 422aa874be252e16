namespace Actors.EventSourcing.Tests;

/// <summary>Every provider test, on the SQLite journal.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteJournalProviderTests(SqliteJournalCluster cluster) : JournalProviderTests(cluster);
