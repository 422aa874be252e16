namespace Actors.EventSourcing.Tests;

/// <summary>The tests on the SQLite journal, sharing one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteJournalCluster>
{
    public const string Name = "sqlite journal";
}
