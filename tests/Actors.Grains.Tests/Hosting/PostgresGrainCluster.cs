using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;
using Actors.Tests.Shared;
using Npgsql;

namespace Actors.Grains.Tests.Hosting;

/// <summary>
/// The grain clusters over a PostgreSQL journal in a throwaway database on the server named by <c>ACTORS_TEST_POSTGRES</c>
/// (default: the one <c>scripts/pg-start.sh</c> and <c>test.sh</c> start).
/// </summary>
public sealed class PostgresGrainCluster : GrainCluster
{
    private PostgresTestDatabase? _database;
    private NpgsqlDataSource? _dataSource;
    private PostgresJournalStore? _store;

    protected override async Task<IJournalStore> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_grains");
        _dataSource = NpgsqlDataSource.Create(PostgresConnectionDefaults.Apply(_database.ConnectionString));
        _store = new PostgresJournalStore(_dataSource);
        return _store;
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
