namespace Actors.Gateway.Tests;

[CollectionDefinition(Name)]
public sealed class SqliteSiloCollection : ICollectionFixture<SqliteSiloFixture>
{
    public const string Name = "silo on sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresSiloCollection : ICollectionFixture<PostgresSiloFixture>
{
    public const string Name = "silo on postgres";
}
