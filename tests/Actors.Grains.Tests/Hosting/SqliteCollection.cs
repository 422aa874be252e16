namespace Actors.Grains.Tests.Hosting;

/// <summary>The grain tests on the SQLite journal: one <see cref="SqliteGrainCluster"/> for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteGrainCluster>
{
    public const string Name = "Grains on SQLite";
}
