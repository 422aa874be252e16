using System.Diagnostics;
using Actors.Abstractions.Messages;
using Actors.Grains;
using Actors.Grains.Skus.Commands;
using Npgsql;

namespace Actors.Bench;

/// <summary>
/// S7: the p50 of an append through the runtime with <see cref="Size.GrowthSmall"/> and then <see cref="Size.GrowthLarge"/>
/// mutation sets in the journal. The journal is the real schema (created by the store as the silo creates it), filled in SQL
/// with copies of a real mutation set the runtime wrote: 100 versions per filler actor.
/// </summary>
public static class GrowthScenario
{
    /// <summary>The database S7 fills; dropped and created by every run.</summary>
    public const string Database = "actors_bench_growth";

    private const int VersionsPerActor = 100;

    private const int MeasuredActors = 50;

    public static async Task RunAsync(Postgres postgres, Size size, Report report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"bench: S7 journal growth ({size.GrowthSmall:N0} then {size.GrowthLarge:N0} mutation sets; {size.GrowthAppends} sequential appends each)");
        await postgres.RecreateDatabaseAsync(Database, cancellationToken);
        await using (var template = await RuntimeHost.StartAsync(postgres.ConnectionString(Database, fast: true), cancellationToken))
        {
            await template.SendAsync("template", false, cancellationToken, RuntimeHost.Create("template"));
            await template.SendAsync("template", false, cancellationToken, ActorMessage.Of("adjustStock", new AdjustStock(1), GrainsJsonContext.Default.AdjustStock));
        }

        long filled = 2;
        foreach (var (name, target) in new[] { ("small", size.GrowthSmall), ("large", size.GrowthLarge) })
        {
            var watch = Stopwatch.StartNew();
            await FillAsync(postgres, filled, target, cancellationToken);
            filled = target;
            var rows = await postgres.ScalarAsync<long>(Database, "select count(*) from actors_journal", cancellationToken);
            report.Figure($"s7.{name}.rows", rows, "mutation sets");
            report.Figure($"s7.{name}.fillSeconds", watch.Elapsed.TotalSeconds, "s");
            var bytes = await postgres.ScalarAsync<long>(Database, "select pg_total_relation_size('actors_journal')", cancellationToken);
            report.Figure($"s7.{name}.journalMiB", bytes / (1024.0 * 1024), "MiB");

            await using var host = await RuntimeHost.StartAsync(postgres.ConnectionString(Database), cancellationToken);
            var prefix = $"grow-{name}-";
            await host.CreateSkusAsync(prefix, MeasuredActors, 1, cancellationToken);
            var adjust = ActorMessage.Of("adjustStock", new AdjustStock(1), GrainsJsonContext.Default.AdjustStock);
            var latencies = new Latencies();
            for (var i = 0; i < size.GrowthAppends; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await host.SendAsync(prefix + (i % MeasuredActors), false, cancellationToken, adjust);
                latencies.AddSince(started);
            }

            report.Latency($"s7.{name}.append", latencies);
        }
    }

    /// <summary>
    /// Adds filler mutation sets <paramref name="from"/> … <paramref name="to"/> − 1 in one INSERT … SELECT from
    /// generate_series. The secondary indexes are dropped first and built again afterwards from their own definitions
    /// (faster than maintaining them row by row), so the schema ends exactly as the store created it.
    /// </summary>
    private static async Task FillAsync(Postgres postgres, long from, long to, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString(Database, fast: true));
        await connection.OpenAsync(cancellationToken);
        var indexes = new List<(string Name, string Definition)>();
        await using (var list = new NpgsqlCommand("""
            select i.indexname, i.indexdef from pg_indexes i
            where i.tablename = 'actors_journal'
              and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync("set maintenance_work_mem = '512MB'");
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync($"drop index {name}");
        }

        const long Chunk = 1_000_000;
        for (var start = from; start < to; start += Chunk)
        {
            var end = Math.Min(to, start + Chunk);
            Console.Error.WriteLine($"bench:   filling mutation sets {start:N0} … {end - 1:N0}");
            await ExecuteAsync($"""
                insert into actors_journal (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, reason, events)
                select 'sku', 'fill-' || lpad((i / {VersionsPerActor})::text, 9, '0'), i % {VersionsPerActor} + 1, gen_random_uuid(),
                       timestamptz '2026-01-01T00:00:00Z' + i * interval '1 millisecond', t.principal, t.operation, t.metadata, t.reason, t.events
                from generate_series({start}, {end - 1}) i
                cross join (select principal, operation, metadata, reason, events from actors_journal
                            where actor_type = 'sku' and actor_id = 'template' and version = 2) t
                """);
        }

        foreach (var (name, definition) in indexes)
        {
            Console.Error.WriteLine($"bench:   building {name}");
            await ExecuteAsync(definition);
        }

        await ExecuteAsync("vacuum analyze actors_journal");
    }
}
