using Actors.Storage.Postgres;
using Actors.Tests.Shared;
using Npgsql;

namespace Actors.Storage.Tests;

/// <summary>
/// A fresh, uniquely named database on the server in <c>ACTORS_TEST_POSTGRES</c> (default: the one
/// <c>scripts/pg-start.sh</c> starts), with the journal schema applied; dropped at the end.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private readonly List<PostgresTestDatabase> _databases = [];

    public static string Server =>
        Environment.GetEnvironmentVariable("ACTORS_TEST_POSTGRES") is { Length: > 0 } server ? server : PostgresTestDatabase.DefaultServer;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public PostgresJournalStore Store { get; private set; } = null!;

    /// <summary>A store on the same database that appends every set in its own transaction (no group commit).</summary>
    public PostgresJournalStore UngroupedStore { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DataSource = NpgsqlDataSource.Create(await CreateDatabaseAsync(CancellationToken.None));
        Store = new PostgresJournalStore(DataSource);
        await Store.InitializeAsync(CancellationToken.None);
        UngroupedStore = new PostgresJournalStore(DataSource, new PostgresJournalOptions { GroupCommit = false });
    }

    /// <summary>Creates another empty database, dropped with the fixture; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = await PostgresTestDatabase.CreateAsync("actors_test");
        _databases.Add(database);
        return database.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
