using Actors.Storage.Postgres;
using Npgsql;

namespace Actors.Storage.Tests;

/// <summary>
/// A fresh, uniquely named database on the server in <c>ACTORS_TEST_POSTGRES</c> (default: the one
/// <c>scripts/pg-start.sh</c> starts), with the journal schema applied; dropped at the end.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public const string DefaultServer = "Host=127.0.0.1;Port=55432;Username=postgres";

    private readonly List<string> _databases = [];
    private NpgsqlDataSource? _admin;

    public static string Server =>
        Environment.GetEnvironmentVariable("ACTORS_TEST_POSTGRES") is { Length: > 0 } server ? server : DefaultServer;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public PostgresJournalStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" });
        DataSource = NpgsqlDataSource.Create(await CreateDatabaseAsync(CancellationToken.None));
        Store = new PostgresJournalStore(DataSource);
        await Store.InitializeAsync(CancellationToken.None);
    }

    /// <summary>Creates another empty database, dropped with the fixture; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"actors_test_{Guid.NewGuid():N}";
        await using var command = _admin!.CreateCommand($"create database {name}");
        await command.ExecuteNonQueryAsync(cancellationToken);
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (_admin is null)
        {
            return;
        }

        foreach (var name in _databases)
        {
            // with (force) ends sessions a test may have left in the pool of another data source.
            await using var command = _admin.CreateCommand($"drop database if exists {name} with (force)");
            await command.ExecuteNonQueryAsync();
        }

        await _admin.DisposeAsync();
    }
}
