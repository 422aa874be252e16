namespace Actors.EventSourcing.Tests;

/// <summary>Every provider test, on the PostgreSQL journal reached through a proxy that can cut it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalProviderTests(PostgresJournalCluster cluster) : JournalProviderTests(cluster);
