namespace Actors.Grains.Tests.Hosting;

/// <summary>The grain tests on the PostgreSQL journal: one <see cref="PostgresGrainCluster"/> for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresGrainCluster>
{
    public const string Name = "Grains on PostgreSQL";
}
