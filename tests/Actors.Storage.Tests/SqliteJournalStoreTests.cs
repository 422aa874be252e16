using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Tests;

public sealed class SqliteJournalStoreTests(SqliteJournalFixture fixture)
    : JournalStoreConformanceTests(fixture.Store), IClassFixture<SqliteJournalFixture>
{
    [Fact]
    public async Task Journal_file_is_in_wal_mode()
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "pragma journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct) as string);
    }

    [Fact]
    public async Task A_new_store_on_the_same_file_reads_what_was_acknowledged()
    {
        var actor = NewActor();
        var sets = await AppendVersionsAsync(actor, 3);

        using var reopened = new SqliteJournalStore(new SqliteJournalOptions { Path = fixture.DatabasePath });
        await reopened.InitializeAsync(Ct);

        Assert.Equal(3, await reopened.GetVersionAsync(actor, Ct));
        AssertSameMutationSet(sets[2], (await reopened.ReadAsync(actor, 2, 3, 10, Ct))[0]);
        await Assert.ThrowsAsync<VersionConflictException>(() => reopened.AppendAsync(new AppendRequest(MutationSet(actor, 3)), Ct));
    }

    [Fact]
    public async Task Unusable_path_is_storage_unavailable_and_ping_is_false()
    {
        // A regular file where the store needs a directory: neither the directory nor the database can be created.
        var file = Path.Combine(fixture.Directory, $"not-a-directory-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, "x", Ct);
        using var store = new SqliteJournalStore(new SqliteJournalOptions { Path = Path.Combine(file, "journal.db") });

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.InitializeAsync(Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.AppendAsync(new AppendRequest(MutationSet(NewActor(), 1)), Ct));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetVersionAsync(NewActor(), Ct));
        Assert.False(await store.PingAsync(Ct));
    }

    [Fact]
    public async Task A_file_written_at_schema_1_migrates_and_reads_across_actors()
    {
        var path = Path.Combine(fixture.Directory, $"v1-{Guid.NewGuid():N}.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"pragma journal_mode = wal; {SqliteSchema.Version1}; pragma user_version = 1";
            await command.ExecuteNonQueryAsync(Ct);
        }

        using var store = new SqliteJournalStore(new SqliteJournalOptions { Path = path });
        var old = new ActorKey("order", "old");
        var oldSets = new List<MutationSetRecord>();
        for (var version = 1; version <= 3; version++)
        {
            var set = MutationSet(old, version);
            oldSets.Add(set with { GlobalVersion = await store.AppendAsync(new AppendRequest(set), Ct) });
        }

        await store.InitializeAsync(Ct);

        var newSet = MutationSet(new ActorKey("order", "new"), 1);
        newSet = newSet with { GlobalVersion = await store.AppendAsync(new AppendRequest(newSet, Audit: Audit("migrator", "restore", BaseTime)), Ct) };
        Assert.Equal(oldSets[1].GlobalVersion, (await store.FindAtOrBeforeGlobalVersionAsync(old, oldSets[1].GlobalVersion, Ct))?.GlobalVersion);
        Assert.Equal(newSet.GlobalVersion, await store.GetGlobalVersionAsync(null, Ct));
        Assert.Equal(["new", "old"], await store.ListActorIdsAsync("order", null, 10, Ct));
        var all = (await store.ReadEventsAsync(EventsOf("order"), Ct)).Entries.Select(e => e.MutationSet).ToList();
        Assert.Equal(4, all.Count);
        foreach (var (expected, actual) in oldSets.Append(newSet).Zip(all))
        {
            AssertSameMutationSet(expected, actual);
        }

        Assert.Single((await store.ReadAuditAsync(AuditOf("migrator"), Ct)).Records);
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync(Ct);
        await using var userVersion = check.CreateCommand();
        userVersion.CommandText = "pragma user_version";
        Assert.Equal((long)SqliteSchema.Scripts.Count, await userVersion.ExecuteScalarAsync(Ct));
    }
}
