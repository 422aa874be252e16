namespace Actors.Storage.Tests.GrainState;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStateTests(PostgresDatabaseFixture fixture)
    : GrainStateConformanceTests(fixture.Store, fixture.Store, fixture.Store);
