using Npgsql;

namespace Actors.Torture;

/// <summary>Which journal store a scenario's silos run on, and a fresh, private journal in it.</summary>
public abstract class JournalStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    public abstract string Name { get; }

    /// <summary>The environment variables that point a silo at this journal.</summary>
    public abstract Dictionary<string, string> Environment();

    public abstract ValueTask DisposeAsync();

    /// <summary>A new SQLite file in a temporary folder.</summary>
    public static JournalStore Sqlite() => new SqliteJournal();

    /// <summary>A new database on the server named by <c>ACTORS_TEST_POSTGRES</c> (default 127.0.0.1:55432).</summary>
    public static Task<PostgresJournal> PostgresAsync(CancellationToken cancellationToken) => PostgresJournal.CreateAsync(cancellationToken);

    /// <summary>Creates the store a name stands for.</summary>
    public static async Task<JournalStore> CreateAsync(string name, CancellationToken cancellationToken) => name switch
    {
        "sqlite" => Sqlite(),
        "postgres" => await PostgresAsync(cancellationToken),
        _ => throw new ArgumentException($"Unknown store '{name}': sqlite or postgres.", nameof(name)),
    };

    private sealed class SqliteJournal : JournalStore
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("actors-torture-sqlite-").FullName;

        public override string Name => "sqlite";

        public override Dictionary<string, string> Environment() => new() { ["Actors__Sqlite__Path"] = Path.Combine(_directory, "actors.db") };

        public override ValueTask DisposeAsync()
        {
            Directory.Delete(_directory, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A uniquely named database, dropped at dispose.</summary>
public sealed class PostgresJournal : JournalStore
{
    /// <summary>The server used when <c>ACTORS_TEST_POSTGRES</c> is not set (scripts/pg-start.sh starts it).</summary>
    public const string DefaultServer = "Host=127.0.0.1;Port=55432;Username=postgres";

    private readonly string _server;
    private readonly string _database;

    private PostgresJournal(string server, string database)
    {
        _server = server;
        _database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public override string Name => "postgres";

    /// <summary>A direct connection string to the database.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's host and port.</summary>
    public (string Host, int Port) Server
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(_server);
            return (builder.Host ?? "127.0.0.1", builder.Port);
        }
    }

    /// <summary>A connection string to the database through another host and port (a proxy), with these timeouts.</summary>
    public string Through(int port, int connectTimeoutSeconds, int commandTimeoutSeconds) =>
        new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Host = "127.0.0.1",
            Port = port,
            Timeout = connectTimeoutSeconds,
            CommandTimeout = commandTimeoutSeconds,
            CancellationTimeout = 1000,
        }.ConnectionString;

    public override Dictionary<string, string> Environment() => new() { ["ConnectionStrings__Postgres"] = ConnectionString };

    public static async Task<PostgresJournal> CreateAsync(CancellationToken cancellationToken)
    {
        var server = System.Environment.GetEnvironmentVariable("ACTORS_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultServer;
        var journal = new PostgresJournal(server, $"actors_torture_{Guid.NewGuid():N}");
        await using var source = NpgsqlDataSource.Create(server);
        await using var command = source.CreateCommand($"CREATE DATABASE \"{journal._database}\"");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return journal;
    }

    public override async ValueTask DisposeAsync()
    {
        await using var source = NpgsqlDataSource.Create(_server);
        await using var command = source.CreateCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}
