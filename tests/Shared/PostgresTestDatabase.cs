using Npgsql;

namespace Actors.Tests.Shared;

/// <summary>
/// A fresh, uniquely named database on the test server named by <c>ACTORS_TEST_POSTGRES</c>
/// (test.sh starts one), dropped again at dispose.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    /// <summary>The server used when <c>ACTORS_TEST_POSTGRES</c> is not set.</summary>
    public const string DefaultServer = "Host=127.0.0.1;Port=55432;Username=postgres";

    private readonly string _server;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to the new database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync(string prefix)
    {
        var server = Environment.GetEnvironmentVariable("ACTORS_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultServer;
        var database = new PostgresTestDatabase(server, $"{prefix}_{Guid.NewGuid():N}");
        await using var source = NpgsqlDataSource.Create(server);
        await using var command = source.CreateCommand($"CREATE DATABASE \"{database.Name}\"");
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var source = NpgsqlDataSource.Create(_server);
        await using var command = source.CreateCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}
