using Npgsql;

namespace Actors.Bench;

/// <summary>The PostgreSQL server the run uses, and the throwaway databases it creates on it.</summary>
public sealed class Postgres(string connectionString)
{
    private readonly NpgsqlConnectionStringBuilder _builder = new(connectionString);

    public string Host => _builder.Host ?? "127.0.0.1";

    public int Port => _builder.Port;

    public string User => _builder.Username ?? "postgres";

    /// <summary>The connection string for <paramref name="database"/>; <paramref name="fast"/> turns synchronous_commit off (fills only, never measured).</summary>
    public string ConnectionString(string database, bool fast = false, int maxPoolSize = 100)
    {
        var builder = new NpgsqlConnectionStringBuilder(_builder.ConnectionString)
        {
            Database = database,
            MaxPoolSize = maxPoolSize,
            CommandTimeout = 0,
        };
        if (fast)
        {
            builder.Options = "-c synchronous_commit=off";
        }

        return builder.ConnectionString;
    }

    /// <summary>Drops <paramref name="database"/> when it exists and creates it empty.</summary>
    public async Task RecreateDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await ExecuteAsync("postgres", $"drop database if exists {database} with (force)", cancellationToken);
        await ExecuteAsync("postgres", $"create database {database}", cancellationToken);
    }

    /// <summary>Runs SQL (one or more statements) in <paramref name="database"/>.</summary>
    public async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database, fast: true));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a query answering one value.</summary>
    public async Task<T> ScalarAsync<T>(string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The server's version line and its durability settings, for the report.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var version = await ScalarAsync<string>("postgres", "select version()", cancellationToken);
        var settings = await ScalarAsync<string>("postgres",
            "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings where name in ('fsync','synchronous_commit','wal_sync_method','commit_delay','shared_buffers','max_connections')",
            cancellationToken);
        return $"{version.Split(" on ")[0]} ({settings})";
    }
}
