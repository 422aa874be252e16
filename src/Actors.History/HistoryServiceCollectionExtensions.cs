using Actors.Abstractions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.History;

/// <summary>Registers the history lifecycle over a journal store already registered.</summary>
public static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// Puts the <see cref="TieredJournalStore"/> in front of the registered <see cref="IJournalStore"/>, so everything that
    /// reads the journal (grains, gateway, jobs) falls back to the archive below a boundary; registers the
    /// <see cref="HistoryCompactor"/> and the <see cref="HistoryOptions"/> bound from <c>Actors:History</c>. The journal
    /// store (which must also be the <see cref="IHistoryStore"/>) must be registered first. Calling it twice changes nothing.
    /// </summary>
    public static IServiceCollection AddHistoryLifecycle(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(TieredJournalStore)))
        {
            return services;
        }

        var hot = services.LastOrDefault(d => d.ServiceType == typeof(IJournalStore))
            ?? throw new InvalidOperationException("Register the journal store (AddSqliteJournal or AddPostgresJournal) before the history lifecycle.");
        services.Remove(hot);

        services.AddOptions<HistoryOptions>().BindConfiguration("Actors:History")
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                // The documented name of the idempotency window; Actors:History:IdempotencyKeysFor is its older spelling.
                if (configuration["Actors:Idempotency:Retention"] is { Length: > 0 } retention)
                {
                    options.IdempotencyKeysFor = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture);
                }

                foreach (var section in configuration.GetSection("Actors:History").GetChildren())
                {
                    if (section["HotFor"] is not null || section["Tier"] is not null)
                    {
                        options.Types[section.Key] = section.Get<HistoryTypePolicy>() ?? new HistoryTypePolicy();
                    }
                }
            })
            .Validate(o => o.IdempotencyKeysFor > TimeSpan.Zero && o.PolicyPeriod >= TimeSpan.FromMinutes(1) && o.PageSize > 0,
                "Actors:History needs a positive IdempotencyKeysFor and PageSize, and a PolicyPeriod of at least a minute (Orleans' shortest reminder).")
            .Validate(o => o.Types.Values.All(t => t.HotFor is null || t.HotFor > TimeSpan.Zero),
                "Actors:History:<Type>:HotFor must be positive.")
            .Validate(o => o.Types.Values.All(t => t.Tier is null or HistoryOptions.ArchiveTier or HistoryOptions.PruneTier),
                "Actors:History:<Type>:Tier must be 'archive' or 'prune'.")
            .Validate(o => o.ArchivePath is not null || o.Types.Values.All(t => t.Tier != HistoryOptions.ArchiveTier),
                "An actor type's Tier is 'archive' but Actors:History:ArchivePath is not set.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new ArchiveHolder(
            provider.GetRequiredService<IOptions<HistoryOptions>>().Value.ArchivePath is { Length: > 0 } path ? new HistoryArchive(path) : null));
        services.AddSingleton(provider => new TieredJournalStore(
            (IJournalStore)Create(provider, hot),
            provider.GetRequiredService<IHistoryStore>(),
            provider.GetRequiredService<ArchiveHolder>().Archive));
        services.AddSingleton<IJournalStore>(provider => provider.GetRequiredService<TieredJournalStore>());
        services.AddSingleton(provider => new HistoryCompactor(
            provider.GetRequiredService<IHistoryStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ArchiveHolder>().Archive));
        return services;
    }

    private static object Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);

    /// <summary>The archive, when a directory is configured.</summary>
    private sealed record ArchiveHolder(HistoryArchive? Archive);
}
