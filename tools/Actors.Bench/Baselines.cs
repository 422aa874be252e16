using Npgsql;
using NpgsqlTypes;

namespace Actors.Bench;

/// <summary>B1 (the durable commit limit) and B2 (the naive history table a user might build instead).</summary>
public static class Baselines
{
    /// <summary>The database both baselines use; dropped and created by every run.</summary>
    public const string Database = "actors_bench_baseline";

    /// <summary>Clients of pgbench, for B1 and B2 alike.</summary>
    public const int Clients = 32;

    /// <summary>An event-sized JSON array, 300 bytes or so, as one mutation set's events column holds.</summary>
    public const string EventsJson =
        """[{"type":"Sku.StockAdjusted","eventId":"7d6f2f4e-1b8a-4c1e-9a55-3f1f0c2d9e11","data":{"delta":1,"reason":"cycle count","location":"WH-01/A-12-03","reference":"PO-2026-000123"},"schemaVersion":1,"occurredAt":"2026-11-20T12:00:00.000000Z","correlationId":"c0ffee00-0000-4000-8000-000000000001"}]""";

    private const string MetadataJson = """{"commands":[{"type":"adjustStock","delta":1}]}""";

    /// <summary>B1: one-row INSERTs into a table shaped like the journal, one transaction each, 32 clients.</summary>
    public static async Task RunB1Async(Postgres postgres, Size size, Report report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"bench: B1 durable commit limit (pgbench, {Clients} clients, {size.PgbenchDuration.TotalSeconds} s)");
        await postgres.RecreateDatabaseAsync(Database, cancellationToken);
        await postgres.ExecuteAsync(Database, """
            create table b1_journal (
                actor_type    text        not null,
                actor_id      text        not null,
                version       bigint      not null,
                checkpoint_id uuid        not null,
                ts            timestamptz not null,
                principal     text        not null,
                operation     text        not null,
                metadata      jsonb       not null,
                events        jsonb       not null,
                primary key (actor_type, actor_id, version));
            """, cancellationToken);
        var script = $"""
            \set version random(1, 1000000000000)
            insert into b1_journal (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, events) values ('sku', 'b1-' || :client_id, :version, gen_random_uuid(), now(), 'bench', 'UPDATE', '{MetadataJson}', '{EventsJson}');

            """;
        var tps = await External.PgbenchAsync(postgres, Database, script, Clients, size.PgbenchDuration, cancellationToken);
        report.Figure("b1.tps", tps, "tx/s");
        var rowBytes = await postgres.ScalarAsync<int>(Database, "select pg_column_size(events) from b1_journal limit 1", cancellationToken);
        report.Figure("b1.eventsBytes", rowBytes, "bytes");
    }

    /// <summary>
    /// B2: a current-state table whose UPDATE trigger inserts the old and new row into a history table, driven by pgbench
    /// at B1's concurrency; then its as-of query on one id with <see cref="Size.HistoryLength"/> history rows, timed at the
    /// oldest, middle and newest point.
    /// </summary>
    public static async Task RunB2Async(Postgres postgres, Size size, Report report, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"bench: B2 naive history table (pgbench, {Clients} clients, {size.PgbenchDuration.TotalSeconds} s; as-of query on {size.HistoryLength:N0} rows)");
        await postgres.ExecuteAsync(Database, $"""
            create table b2_current (id bigint primary key, stock bigint not null, data jsonb not null, at timestamptz not null);
            create table b2_history (id bigint not null, at timestamptz not null, old_row jsonb, new_row jsonb not null);
            create index b2_history_id_at on b2_history (id, at);
            create function b2_track() returns trigger language plpgsql as $$
            begin
                insert into b2_history (id, at, old_row, new_row) values (new.id, new.at, to_jsonb(old), to_jsonb(new));
                return new;
            end $$;
            create trigger b2_track after update on b2_current for each row execute function b2_track();
            insert into b2_current select i, 0, '{EventsJson}'::jsonb -> 0, now() from generate_series(1, 10000) i;
            """, cancellationToken);
        var script = """
            \set id random(1, 10000)
            update b2_current set stock = stock + 1, at = clock_timestamp() where id = :id;

            """;
        var tps = await External.PgbenchAsync(postgres, Database, script, Clients, size.PgbenchDuration, cancellationToken);
        report.Figure("b2.tps", tps, "tx/s");

        // The same history length as S4, on an id pgbench never touched, one second apart.
        await postgres.ExecuteAsync(Database, $"""
            insert into b2_current values (0, 0, '{EventsJson}'::jsonb -> 0, timestamptz '2026-01-01T00:00:00Z');
            insert into b2_history (id, at, old_row, new_row)
                select 0, timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second',
                       jsonb_build_object('id', 0, 'stock', i - 1, 'data', '{EventsJson}'::jsonb -> 0),
                       jsonb_build_object('id', 0, 'stock', i, 'data', '{EventsJson}'::jsonb -> 0)
                from generate_series(1, {size.HistoryLength}) i;
            """, cancellationToken);
        await postgres.ExecuteAsync(Database, "vacuum analyze b2_history", cancellationToken);

        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString(Database));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var query = new NpgsqlCommand("select new_row from b2_history where id = $1 and at <= $2 order by at desc limit 1", connection);
        query.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = 0L });
        query.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await query.PrepareAsync(cancellationToken);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (name, offset) in new[] { ("oldest", 1), ("middle", size.HistoryLength / 2), ("newest", size.HistoryLength) })
        {
            query.Parameters[1].Value = start.AddSeconds(offset);
            var latencies = await Latencies.TimeAsync(size.TimeTravelCalls, async ct =>
            {
                await using var reader = await query.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct))
                {
                    throw new InvalidOperationException("The as-of query found no row.");
                }

                _ = reader.GetString(0);
            }, cancellationToken);
            report.Latency($"b2.asOf.{name}", latencies);
        }
    }
}
