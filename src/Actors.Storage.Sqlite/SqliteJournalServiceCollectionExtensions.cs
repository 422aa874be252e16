using Actors.Abstractions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Storage.Sqlite;

/// <summary>Registers the embedded SQLite journal.</summary>
public static class SqliteJournalServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteJournalStore"/> on the file at <paramref name="path"/> as the
    /// <see cref="IJournalStore"/>, one instance (it serializes writes), which is also the <see cref="IGrainStateStore"/>,
    /// <see cref="IReminderStore"/>, <see cref="ISnapshotDataStore"/>, <see cref="IHistoryStore"/> and <see cref="IDataKeyStore"/>. The host still calls
    /// <see cref="IJournalStore.InitializeAsync"/> once at start-up.
    /// </summary>
    public static IServiceCollection AddSqliteJournal(this IServiceCollection services, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.AddSingleton(new SqliteJournalOptions { Path = path });
        services.AddSingleton<SqliteJournalStore>();
        services.AddSingleton<IJournalStore>(provider => provider.GetRequiredService<SqliteJournalStore>());
        services.AddSingleton<IGrainStateStore>(provider => provider.GetRequiredService<SqliteJournalStore>());
        services.AddSingleton<IReminderStore>(provider => provider.GetRequiredService<SqliteJournalStore>());
        services.AddSingleton<ISnapshotDataStore>(provider => provider.GetRequiredService<SqliteJournalStore>());
        services.AddSingleton<IHistoryStore>(provider => provider.GetRequiredService<SqliteJournalStore>());
        services.AddSingleton<IDataKeyStore>(provider => provider.GetRequiredService<SqliteJournalStore>());
        return services;
    }
}
