using Actors.Abstractions.Storage;
using Actors.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.EventSourcing.Tests;

/// <summary>
/// The cluster on the embedded journal: a SQLite file in a temporary folder. The direct store is a second
/// <see cref="SqliteJournalStore"/> on the same file, as a second process would open it.
/// </summary>
public sealed class SqliteJournalCluster : JournalCluster
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-provider-{Guid.NewGuid():N}");
    private readonly List<SqliteJournalStore> _stores = [];

    /// <summary>
    /// A file has no network to cut. The outage is the real store on a file it cannot open (its path runs through a regular
    /// file), which fails every call with SQLITE_CANTOPEN, turned into <c>StorageUnavailableException</c> by the store's own
    /// error translation: what a silo sees when its volume is gone.
    /// </summary>
    public override IDisposable CutJournal()
    {
        Store.Unreachable = Open(Path.Combine(_directory, "journal.db", "unreachable.db"));
        return new Outage(() => Store.Unreachable = null);
    }

    protected override Task<(IJournalStore Silo, IJournalStore Direct)> OpenStoresAsync()
    {
        var path = Path.Combine(_directory, "journal.db");
        return Task.FromResult<(IJournalStore, IJournalStore)>((Open(path), Open(path)));
    }

    protected override Task CloseStoresAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private SqliteJournalStore Open(string path)
    {
        var store = new SqliteJournalStore(new SqliteJournalOptions { Path = path });
        _stores.Add(store);
        return store;
    }
}
