using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;
using Npgsql;

namespace Actors.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalStoreTests(PostgresDatabaseFixture fixture) : JournalStoreConformanceTests(fixture.Store)
{
    [Fact]
    public async Task Silos_initializing_a_fresh_database_at_once_apply_each_migration_once()
    {
        var connectionString = await fixture.CreateDatabaseAsync(Ct);
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            await Task.WhenAll(dataSources.Select(d => new PostgresJournalStore(d).InitializeAsync(Ct))).WaitAsync(Ct);

            await using var command = dataSources[0].CreateCommand("select count(*), count(distinct version), min(version), max(version) from actors_schema_version");
            await using var reader = await command.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            var migrations = PostgresMigrations.Load();
            Assert.Equal(migrations.Count, reader.GetInt64(0));
            Assert.Equal(migrations.Count, reader.GetInt64(1));
            Assert.Equal(migrations[0].Version, reader.GetInt32(2));
            Assert.Equal(migrations[^1].Version, reader.GetInt32(3));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_journal_written_at_schema_001_migrates_and_reads_across_actors()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.CreateDatabaseAsync(Ct));
        var first = Assert.Single(PostgresMigrations.Load(), m => m.Version == 1);
        await using (var command = dataSource.CreateCommand(first.Sql))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        await using (var command = dataSource.CreateCommand("insert into actors_schema_version (version, name) values (1, '001_journal')"))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        // What a silo running the previous release writes: the columns of 001 only.
        var old = new ActorKey("order", "old");
        var oldSets = new List<MutationSetRecord>();
        for (var version = 1; version <= 3; version++)
        {
            var set = MutationSet(old, version);
            await using var insert = dataSource.CreateCommand(
                """
                insert into actors_journal (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, reason, events)
                values (@type, @id, @version, @checkpoint_id, @ts, @principal, @operation, @metadata::jsonb, null, @events::jsonb)
                returning global_version
                """);
            insert.Parameters.AddWithValue("type", old.Type);
            insert.Parameters.AddWithValue("id", old.Id);
            insert.Parameters.AddWithValue("version", set.Version);
            insert.Parameters.AddWithValue("checkpoint_id", set.CheckpointId);
            insert.Parameters.AddWithValue("ts", TruncateToMicroseconds(set.Timestamp));
            insert.Parameters.AddWithValue("principal", set.Principal);
            insert.Parameters.AddWithValue("operation", set.Operation);
            insert.Parameters.AddWithValue("metadata", set.Metadata);
            insert.Parameters.AddWithValue("events", set.Events);
            oldSets.Add(set with { GlobalVersion = (long)(await insert.ExecuteScalarAsync(Ct))! });
        }

        var store = new PostgresJournalStore(dataSource);
        await store.InitializeAsync(Ct);

        var newSet = MutationSet(new ActorKey("order", "new"), 1);
        newSet = newSet with { GlobalVersion = await store.AppendAsync(new AppendRequest(newSet, Audit: Audit("migrator", "restore", BaseTime)), Ct) };
        Assert.Equal(3, await store.GetVersionAsync(old, Ct));
        Assert.Equal(oldSets[1].GlobalVersion, (await store.FindAtOrBeforeGlobalVersionAsync(old, oldSets[1].GlobalVersion, Ct))?.GlobalVersion);
        Assert.Equal(newSet.GlobalVersion, await store.GetGlobalVersionAsync(null, Ct));
        Assert.Equal(["new", "old"], await store.ListActorIdsAsync("order", null, 10, Ct));
        await PostgresDatabaseFixture.WaitForHorizonAsync(dataSource, Ct);
        var events = await store.ReadEventsAsync(EventsOf("order") with { Limit = 2 }, Ct);
        var rest = await store.ReadEventsAsync(EventsOf("order") with { Cursor = events.Entries[^1].CursorAfter }, Ct);
        var all = events.Entries.Concat(rest.Entries).Select(e => e.MutationSet).ToList();
        Assert.Equal(4, all.Count);
        foreach (var (expected, actual) in oldSets.Append(newSet).Zip(all))
        {
            AssertSameMutationSet(expected, actual);
        }

        Assert.Single((await store.ReadAuditAsync(AuditOf("migrator"), Ct)).Records);
    }

    [Fact]
    public async Task A_set_stays_out_of_event_pages_until_every_older_transaction_has_ended()
    {
        var type = NewType();
        var slow = new ActorKey(type, "slow");
        var fast = new ActorKey(type, "fast");

        // A writer that took its transaction id and global version first but commits last: the order of
        // concurrent appends that paging by global_version alone would get wrong.
        await using var connection = await fixture.DataSource.OpenConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand(
            """
            insert into actors_journal (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, events)
            values (@type, 'slow', 1, gen_random_uuid(), now(), 'alice', 'CREATE', '{}', '[]')
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("type", type);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var fastVersion = await Store.AppendAsync(new AppendRequest(MutationSet(fast, 1)), Ct);

        Assert.Equal(1, await Store.GetVersionAsync(fast, Ct));
        Assert.Empty((await Store.ReadEventsAsync(EventsOf(type), Ct)).Entries);

        await transaction.CommitAsync(Ct);

        var all = await ReadAllEventsAsync(EventsOf(type));
        Assert.Equal([slow, fast], all.Select(e => e.MutationSet.Actor));
        Assert.True(all[0].MutationSet.GlobalVersion < fastVersion);
    }

    protected override Task SettleAsync() => fixture.WaitForHorizonAsync(Ct);
}
