using Actors.Storage.Postgres;
using Npgsql;

namespace Actors.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalStoreTests(PostgresDatabaseFixture fixture) : JournalStoreConformanceTests(fixture.Store)
{
    [Fact]
    public async Task Silos_initializing_a_fresh_database_at_once_apply_each_migration_once()
    {
        var connectionString = await fixture.CreateDatabaseAsync(Ct);
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            await Task.WhenAll(dataSources.Select(d => new PostgresJournalStore(d).InitializeAsync(Ct))).WaitAsync(Ct);

            await using var command = dataSources[0].CreateCommand("select count(*), min(version) from actors_schema_version");
            await using var reader = await command.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            Assert.Equal(1, reader.GetInt64(0));
            Assert.Equal(1, reader.GetInt32(1));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }
}
