namespace Actors.EventSourcing.Tests;

/// <summary>The tests on the PostgreSQL journal, sharing one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresJournalCluster>
{
    public const string Name = "postgres journal";
}
