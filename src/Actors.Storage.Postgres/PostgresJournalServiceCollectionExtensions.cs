using Actors.Abstractions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Actors.Storage.Postgres;

/// <summary>Registers the PostgreSQL journal.</summary>
public static class PostgresJournalServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="NpgsqlDataSource"/> (the connection pool; the container disposes it) and
    /// <see cref="PostgresJournalStore"/> as the <see cref="IJournalStore"/> and the stores kept beside the journal
    /// (<see cref="IGrainStateStore"/>, <see cref="IReminderStore"/>, <see cref="ISnapshotDataStore"/>, <see cref="IHistoryStore"/>, <see cref="IDataKeyStore"/>). The host still calls
    /// <see cref="IJournalStore.InitializeAsync"/> once at start-up. The store's settings are <see cref="PostgresJournalOptions"/>
    /// (bind them with <c>AddOptions&lt;PostgresJournalOptions&gt;().BindConfiguration(...)</c>).
    /// </summary>
    public static IServiceCollection AddPostgresJournal(
        this IServiceCollection services,
        string connectionString,
        Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            configure?.Invoke(builder);
            return builder.Build();
        });
        services.AddOptions<PostgresJournalOptions>();
        services.AddSingleton(provider => new PostgresJournalStore(
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostgresJournalOptions>>().Value));
        services.AddSingleton<IJournalStore>(provider => provider.GetRequiredService<PostgresJournalStore>());
        services.AddSingleton<IGrainStateStore>(provider => provider.GetRequiredService<PostgresJournalStore>());
        services.AddSingleton<IReminderStore>(provider => provider.GetRequiredService<PostgresJournalStore>());
        services.AddSingleton<ISnapshotDataStore>(provider => provider.GetRequiredService<PostgresJournalStore>());
        services.AddSingleton<IHistoryStore>(provider => provider.GetRequiredService<PostgresJournalStore>());
        services.AddSingleton<IDataKeyStore>(provider => provider.GetRequiredService<PostgresJournalStore>());
        return services;
    }
}
