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
}
