namespace Actors.Storage.Tests.GrainState;

public sealed class SqliteGrainStateTests(SqliteJournalFixture fixture)
    : GrainStateConformanceTests(fixture.Store, fixture.Store, fixture.Store), IClassFixture<SqliteJournalFixture>;
