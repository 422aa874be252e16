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

    /// <summary>
    /// Waits until every transaction that took an id before the call has ended, so ReadEventsAsync sees every set
    /// committed before it. Transaction ids are cluster-wide: another test run's database on the same server (or this
    /// run's silos heartbeating in theirs) can hold the horizon back for a moment. PostgreSQL has no function that blocks
    /// on another session's transaction, so the server re-checks its snapshot until the horizon has passed.
    /// </summary>
    public Task WaitForHorizonAsync(CancellationToken cancellationToken) => WaitForHorizonAsync(DataSource, cancellationToken);

    /// <inheritdoc cref="WaitForHorizonAsync(CancellationToken)"/>
    public static async Task WaitForHorizonAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // A transaction of its own takes the next id (a snapshot's xmax is not that: it is one past the newest
        // *ended* transaction) and ends at once; every transaction with a smaller id has taken it earlier.
        await using var take = dataSource.CreateCommand("select pg_current_xact_id()::text");
        var mark = (string)(await take.ExecuteScalarAsync(cancellationToken))!;
        await using var wait = dataSource.CreateCommand($$"""
            do $$
            begin
                while pg_snapshot_xmin(pg_current_snapshot()) <= '{{ulong.Parse(mark, System.Globalization.CultureInfo.InvariantCulture)}}'::xid8 loop
                    perform pg_sleep(0.001);
                end loop;
            end
            $$
            """);
        await wait.ExecuteNonQueryAsync(cancellationToken);
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
