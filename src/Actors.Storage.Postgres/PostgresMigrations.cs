using System.Reflection;
using Npgsql;

namespace Actors.Storage.Postgres;

/// <summary>
/// Applies the embedded <c>deploy/postgres/NNN_name.sql</c> scripts in order, each once, recorded in
/// <c>actors_schema_version</c>. Everything runs in one transaction holding a transaction-scoped advisory
/// lock, so silos starting together queue up instead of racing on <c>create table</c> (which is not safe
/// concurrently even with <c>if not exists</c>), and a failed migration leaves the schema as it was.
/// Scripts therefore must not use statements that refuse to run in a transaction (create index concurrently).
/// Then, in the same transaction, the store's tables that hold rows but no statistics are analyzed.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>Arbitrary but fixed: "actors" in ASCII followed by 01, the schema lock's number.</summary>
    private const long AdvisoryLockKey = 0x6163746F72730001;

    /// <summary>The tables the store writes and reads.</summary>
    private static readonly string[] Tables = ["actors_journal", "actors_snapshots", "actors_idempotency", "actors_audit"];

    /// <summary>The fewest rows a table must hold to be analyzed here: the journal's autovacuum thresholds (003).</summary>
    private const int AnalyzeFromRows = 1000;

    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        foreach (var migration in Load().Where(m => !applied.Contains(m.Version)))
        {
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = new NpgsqlCommand(
                "insert into actors_schema_version (version, name) values (@version, @name)", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await AnalyzeAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Analyzes each table that holds at least <see cref="AnalyzeFromRows"/> rows and has no statistics: a journal restored
    /// from a dump or carried over by pg_upgrade, neither of which brings statistics along. Until autovacuum's first ANALYZE
    /// (its naptime is a minute) PostgreSQL would plan on guesses, and every pooled connection keeps the plans it prepares
    /// then; the journal's former append check, planned so, read the whole journal for every group of appends. Analyzed
    /// here, under the migration lock, the statistics are there before the first statement is prepared, and the silos
    /// that start next find them and skip this.
    /// An empty or small table is left alone: statistics that say the journal is tiny make a sequential scan the cheapest
    /// way to find an actor's rows, and a prepared statement keeps that plan while the journal grows. Analyzed right after
    /// 001 and 002, an empty journal made the group append, the former one and this one alike, scan the whole journal once
    /// per set once it held 50,000 rows. Without statistics, PostgreSQL assumes that a table never analyzed holds at least
    /// 10 pages, and the append statements use the primary key.
    /// </summary>
    private static async Task AnalyzeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            // The names are the constants above, not input. pg_stats rather than pg_statistic, which only superusers read.
            await using var check = new NpgsqlCommand(
                $"""
                select not exists (select from pg_stats where schemaname = current_schema() and tablename = '{table}')
                   and (select count(*) from (select from {table} limit {AnalyzeFromRows}) sample) = {AnalyzeFromRows}
                """,
                connection,
                transaction);
            if (await check.ExecuteScalarAsync(cancellationToken) is true)
            {
                await using var analyze = new NpgsqlCommand($"analyze {table}", connection, transaction);
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static async Task<HashSet<int>> ReadAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Before 001 has run there is no version table; to_regclass answers null instead of failing.
        await using var exists = new NpgsqlCommand("select to_regclass('actors_schema_version') is not null", connection, transaction);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return [];
        }

        await using var command = new NpgsqlCommand("select version from actors_schema_version", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetInt32(0));
        }

        return applied;
    }

    /// <summary>The embedded scripts ordered by their number; the number is the text before the first '_'.</summary>
    internal static IReadOnlyList<Migration> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // Resource names look like "Actors.Storage.Postgres.Schema.001_journal.sql".
            var fileName = resource[..^".sql".Length];
            fileName = fileName[(fileName.LastIndexOf('.') + 1)..];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNN_name.sql.");
            }

            migrations.Add(new Migration(version, fileName, Read(assembly, resource)));
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal sealed record Migration(int Version, string Name, string Sql);
}
