using Actors.Abstractions.Storage;
using Actors.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Tests.Hosting;

/// <summary>The grain clusters over a SQLite journal in a fresh temporary file.</summary>
public sealed class SqliteGrainCluster : GrainCluster
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-grains-{Guid.NewGuid():N}");
    private SqliteJournalStore? _store;

    protected override Task<IJournalStore> CreateStoreAsync()
    {
        _store = new SqliteJournalStore(new SqliteJournalOptions { Path = Path.Combine(_directory, "journal.db") });
        return Task.FromResult<IJournalStore>(_store);
    }

    protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
