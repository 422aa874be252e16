using Actors.Storage.Sqlite;

namespace Actors.Storage.Tests;

/// <summary>One initialized SQLite journal in a fresh temporary directory, deleted afterwards.</summary>
public sealed class SqliteJournalFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"actors-sqlite-{Guid.NewGuid():N}");

    public string DatabasePath => Path.Combine(Directory, "journal.db");

    public SqliteJournalStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The directory does not exist yet: InitializeAsync must create it.
        Store = new SqliteJournalStore(new SqliteJournalOptions { Path = DatabasePath });
        await Store.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
