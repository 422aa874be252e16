namespace Actors.Storage.Tests;

/// <summary>The test classes that share one PostgreSQL database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresDatabaseFixture>
{
    public const string Name = "postgres";
}
