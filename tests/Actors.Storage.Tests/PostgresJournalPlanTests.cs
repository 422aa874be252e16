using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;
using Npgsql;
using Actors.Tests.Shared;

namespace Actors.Storage.Tests;

/// <summary>
/// The append checks and the catch-up read must read only the actors' own rows, through the primary key, whatever plan
/// PostgreSQL has cached for them. Npgsql prepares them on every pooled connection, and on a fresh database the journal
/// has no statistics: a cached plan that scanned the journal made S1 fall from 2,510 to 776 batches/s while the journal
/// grew to 70k rows, until autovacuum's first ANALYZE replaced it. Each test measures what the exact statements read on
/// a journal of 50,000 rows, with the counters PostgreSQL keeps for the current transaction, after preparing them while
/// the journal was empty, once it was full but not analyzed, or after an ANALYZE at 1000 rows (migration 003).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalPlanTests(PostgresDatabaseFixture fixture)
{
    private const int ActorCount = 1_000;
    private const int VersionsEach = 50;

    /// <summary>Sets in the group append and actors in the group read: enough that hashing the journal looks cheap.</summary>
    private const int GroupSize = 10;

    /// <summary>Sets in a page of the event feed.</summary>
    private const int FeedPage = 10;

    /// <summary>The version of actor a5 the per-actor feed's cursor names.</summary>
    private const int CursorVersion = 30;

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public Task Statements_planned_while_the_journal_was_empty_read_only_the_actors_rows_once_it_holds_50k() =>
        AssertStatementsReadOnlyTheActorsRowsAsync(actorsWhenPlanned: 0, analyzeThen: false);

    [Fact]
    public Task Statements_planned_on_an_unanalyzed_journal_of_50k_rows_read_only_the_actors_rows() =>
        AssertStatementsReadOnlyTheActorsRowsAsync(actorsWhenPlanned: ActorCount, analyzeThen: false);

    [Fact]
    public Task Statements_planned_on_a_journal_analyzed_at_1000_rows_read_only_the_actors_rows_once_it_holds_50k() =>
        AssertStatementsReadOnlyTheActorsRowsAsync(actorsWhenPlanned: 1_000 / VersionsEach, analyzeThen: true);

    [Fact]
    public async Task Initialize_analyzes_a_journal_that_has_rows_but_no_statistics_and_leaves_an_empty_one_alone()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync(Ct));
        await InitializeAsync(dataSource);
        Assert.Equal((-1, 0), await StatisticsAsync(dataSource));
        await ExecuteAsync(dataSource, "alter table actors_journal set (autovacuum_enabled = false)");

        // What a restore or pg_upgrade leaves: the schema at the current version, rows, no statistics.
        await FillAsync(dataSource, 0, ActorCount);
        Assert.Equal(0, (await StatisticsAsync(dataSource)).Columns);
        await InitializeAsync(dataSource);

        var (rows, columns) = await StatisticsAsync(dataSource);
        Assert.Equal(ActorCount * VersionsEach, rows);
        Assert.True(columns > 0);
    }

    /// <summary>
    /// Prepares the statements when the journal holds <paramref name="actorsWhenPlanned"/> actors (analyzed then, or never),
    /// fills it to <see cref="ActorCount"/> actors, and measures what they read.
    /// </summary>
    private async Task AssertStatementsReadOnlyTheActorsRowsAsync(int actorsWhenPlanned, bool analyzeThen)
    {
        var connectionString = await fixture.CreateDatabaseAsync(Ct);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await InitializeAsync(dataSource);

        // Autovacuum would analyze the filled journal within a minute; these tests are about the time before it does.
        await ExecuteAsync(dataSource, "alter table actors_journal set (autovacuum_enabled = false)");
        await FillAsync(dataSource, 0, actorsWhenPlanned);
        if (analyzeThen)
        {
            await ExecuteAsync(dataSource, "analyze actors_journal");
        }

        // One connection, as a pooled one: its prepared statements keep their plans from one use to the next. It has the
        // production settings (statements auto-prepared), except that a statement is prepared on its first use and
        // PostgreSQL always uses the generic plan: the one a prepared statement settles on after five executions.
        await using var statementSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString))
        {
            AutoPrepareMinUsages = 1,
            Options = "-c plan_cache_mode=force_generic_plan",
        }.ConnectionString);
        await using var connection = await statementSource.OpenConnectionAsync(Ct);
        var cursor = new CursorRow();
        var statements = Statements(cursor);
        if (actorsWhenPlanned < ActorCount)
        {
            foreach (var statement in statements)
            {
                await MeasureAsync(connection, statement);
            }

            await FillAsync(dataSource, actorsWhenPlanned, ActorCount);
        }

        (cursor.Tx, cursor.GlobalVersion, cursor.CheckpointId) = await CursorRowAsync(dataSource);

        if (!analyzeThen)
        {
            Assert.Equal((-1, 0), await StatisticsAsync(dataSource));
        }

        var measured = new List<string>();
        var tooMuch = false;
        foreach (var statement in statements)
        {
            var (rows, read) = await MeasureAsync(connection, statement);

            Assert.Equal(statement.ExpectedRows, rows);
            measured.Add($"{statement.Name}: {read} to return {rows} rows");
            if (read.Total > statement.ExpectedRows + GroupSize)
            {
                tooMuch = true;
                measured.Add(await ExplainAsync(connection, statement));
            }
        }

        Assert.False(tooMuch, $"On a journal of {ActorCount * VersionsEach} rows:\n{string.Join("\n", measured)}");
    }

    /// <summary>
    /// The statements on the journal's append path, each on the actors <c>a0</c>.. of <see cref="FillAsync"/>: the group
    /// append (version 51 of ten actors), the append of one set (version 51 of a10), the group catch-up read (the last two
    /// versions of ten actors). Then pages of the event feed (migration 008 left it one index and the primary key): the
    /// first page, filtered by actor type and by event type (both match every set: a plan that collects every match and
    /// sorts reads the journal), one actor's first page and its page after a cursor at its version
    /// <see cref="CursorVersion"/> (a plan that does not seek past the cursor reads the actor's sets from its first), and
    /// the set of that version found by its checkpoint id (migration 009: the id's own index, not a scan of the actor's sets).
    /// </summary>
    private static List<Statement> Statements(CursorRow cursor)
    {
        var group = Enumerable.Range(0, GroupSize).Select(i => Next(new ActorKey("order", $"a{i}"))).ToList();
        var single = Next(new ActorKey("order", $"a{GroupSize}"));
        var tails = Enumerable.Range(0, GroupSize).Select(i => (new ActorKey("order", $"a{i}"), (long)VersionsEach - 2)).ToList();
        return
        [
            new("group append", PostgresJournalStore.AppendGroupSql, c => PostgresJournalStore.AddAppendGroupParameters(c, group), GroupSize),
            new("single append", PostgresJournalStore.AppendSql, c => PostgresJournalStore.AddAppendParameters(c, single), 1),
            new("group catch-up read", PostgresJournalStore.TailGroupSql, c => PostgresJournalStore.AddTailGroupParameters(c, tails), 2 * GroupSize),
            Feed("event feed", new EventQuery(null, null, null, null, null, null, FeedPage, null)),
            Feed("event feed of a type of actor", new EventQuery(null, "order", null, null, null, null, FeedPage, null)),
            Feed("event feed of an event type", new EventQuery("Order.TagAdded", null, null, null, null, null, FeedPage, null)),
            Feed("event feed of a principal", new EventQuery(null, null, null, "alice", null, null, FeedPage, null)),
            Feed("one actor's event feed", new EventQuery(null, "order", "a5", null, null, null, FeedPage, null)),
            new(
                "a checkpoint by its id",
                PostgresJournalStore.FindCheckpointSql,
                c =>
                {
                    c.Parameters.AddWithValue("checkpoint_id", cursor.CheckpointId);
                    c.Parameters.AddWithValue("actor_type", "order");
                    c.Parameters.AddWithValue("actor_id", "a5");
                },
                1),
            new(
                "one actor's event feed after a cursor",
                PostgresJournalStore.EventsSql(new EventQuery(null, "order", "a5", null, null, null, FeedPage, "1-1")),
                c => PostgresJournalStore.AddEventsParameters(c, new EventQuery(null, "order", "a5", null, null, null, FeedPage, cursor.Cursor)),
                FeedPage),
        ];

        static Statement Feed(string name, EventQuery query) =>
            new(name, PostgresJournalStore.EventsSql(query), c => PostgresJournalStore.AddEventsParameters(c, query), FeedPage);

        static AppendRequest Next(ActorKey actor) => new(new MutationSetRecord(
            actor, VersionsEach + 1, Guid.NewGuid(), DateTimeOffset.UtcNow, "alice", "UPDATE",
            """[{"type":"Order.TagAdded","data":{"tag":"x"}}]""", """{"commands":[{"type":"addTag"}]}""", null));
    }

    /// <summary>
    /// Runs the statement in a transaction it rolls back, so it can run again; returns the rows it returned and what it
    /// read of the journal, from PostgreSQL's counters for the current transaction.
    /// </summary>
    private async Task<(int Rows, Reads Read)> MeasureAsync(NpgsqlConnection connection, Statement statement)
    {
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var before = await ReadsAsync(connection, transaction);
        var genericPlansBefore = await GenericPlansAsync(connection, transaction);

        var rows = 0;
        await using (var command = new NpgsqlCommand(statement.Sql, connection, transaction))
        {
            statement.AddParameters(command);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                rows++;
            }
        }

        var after = await ReadsAsync(connection, transaction);

        // The statement ran prepared, on its generic plan: otherwise this would measure a plan made for these values.
        Assert.Equal(genericPlansBefore + 1, await GenericPlansAsync(connection, transaction));
        await transaction.RollbackAsync(Ct);
        return (rows, after - before);
    }

    /// <summary>The plan the statement runs on (the generic one, as the connection forces), for a failure's message.</summary>
    private async Task<string> ExplainAsync(NpgsqlConnection connection, Statement statement)
    {
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using var command = new NpgsqlCommand("explain (analyze, costs, buffers off, timing off) " + statement.Sql, connection, transaction);
        statement.AddParameters(command);
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                lines.Add("    " + reader.GetString(0));
            }
        }

        await transaction.RollbackAsync(Ct);
        return string.Join("\n", lines);
    }

    private async Task<Reads> ReadsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        // Rows returned by sequential scans of the journal, and entries returned by scans of any of its indexes.
        const string sql = """
            select pg_stat_get_xact_tuples_returned('actors_journal'::regclass),
                   (select coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0)::bigint
                    from pg_index where indrelid = 'actors_journal'::regclass)
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return new Reads(reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<long> GenericPlansAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        // Only statements with parameters: this query and the counters' query are prepared too, and have none.
        const string sql = "select coalesce(sum(generic_plans), 0)::bigint from pg_prepared_statements where cardinality(parameter_types) > 0";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary><c>reltuples</c> (-1: never analyzed or vacuumed) and the columns with statistics, of the journal.</summary>
    private async Task<(long Rows, long Columns)> StatisticsAsync(NpgsqlDataSource dataSource)
    {
        const string sql = """
            select reltuples::bigint, (select count(*) from pg_stats where schemaname = current_schema() and tablename = 'actors_journal')
            from pg_class where oid = 'actors_journal'::regclass
            """;
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The actors <c>a{from}</c> up to <c>a{to}</c> (excluded), <see cref="VersionsEach"/> versions each, written directly.</summary>
    private Task FillAsync(NpgsqlDataSource dataSource, int from, int to) => ExecuteAsync(dataSource, $$$"""
        insert into actors_journal (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, events)
        select 'order', 'a' || a, v, gen_random_uuid(), now(), 'alice', case when v = 1 then 'CREATE' else 'UPDATE' end,
               '{"commands":[{"type":"addTag"}]}', '[{"type":"Order.TagAdded","data":{"tag":"x"}}]'
        from generate_series({{{from}}}, {{{to - 1}}}) a, generate_series(1, {{{VersionsEach}}}) v
        order by a, v
        """);

    private async Task InitializeAsync(NpgsqlDataSource dataSource)
    {
        await using var store = new PostgresJournalStore(dataSource, new PostgresJournalOptions { GroupCommit = false });
        await store.InitializeAsync(Ct);
    }

    private async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>
    /// The transaction and global version of a5's version 30, to make the per-actor feed's cursor; first waits (up to a
    /// minute) until every transaction that started before the fill has ended, so that the feed shows the filled sets
    /// (the server is shared with other tests, whose transactions hold back the horizon for every database).
    /// </summary>
    private async Task<(ulong Tx, long GlobalVersion, Guid CheckpointId)> CursorRowAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""
            select tx::text, global_version, tx < pg_snapshot_xmin(pg_current_snapshot()), checkpoint_id
            from actors_journal where actor_type = 'order' and actor_id = 'a5' and version = {CursorVersion}
            """);
        var (tx, globalVersion, _, checkpointId) = await Eventually.ReadUntilAsync(
            async ct =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                Assert.True(await reader.ReadAsync(ct));
                return (ulong.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(1), Visible: reader.GetBoolean(2), reader.GetGuid(3));
            },
            row => row.Visible, TimeSpan.FromSeconds(60), "The cursor's set below every open transaction", Ct);
        return (tx, globalVersion, checkpointId);
    }

    /// <summary>Where the per-actor feed's cursor points, known once the journal is filled.</summary>
    private sealed class CursorRow
    {
        public ulong Tx { get; set; } = 1;

        public long GlobalVersion { get; set; } = 1;

        /// <summary>The checkpoint id of the same set (none while the statements are first prepared: no row then).</summary>
        public Guid CheckpointId { get; set; } = Guid.Empty;

        public string Cursor => $"{Tx}-{GlobalVersion}";
    }

    private sealed record Statement(string Name, string Sql, Action<NpgsqlCommand> AddParameters, int ExpectedRows);

    private readonly record struct Reads(long SequentialRows, long IndexEntries)
    {
        public long Total => SequentialRows + IndexEntries;

        public static Reads operator -(Reads after, Reads before) =>
            new(after.SequentialRows - before.SequentialRows, after.IndexEntries - before.IndexEntries);

        public override string ToString() => $"{SequentialRows} rows by sequential scans and {IndexEntries} index entries";
    }
}
