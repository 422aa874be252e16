using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.EventSourcing;

namespace Actors.EventSourcing;

/// <summary>Registers the journal log-consistency provider on a silo.</summary>
public static class JournalSiloBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="JournalLogConsistencyProvider"/> under <see cref="JournalLogConsistencyProvider.Name"/>, its
    /// <see cref="JournalOptions"/> bound from <c>Actors:Journal</c>, and the commit notifier replay followers wait on.
    /// The silo must also register an <c>IJournalStore</c> (SQLite or PostgreSQL); its schema is created or migrated as the
    /// silo starts, before anything reads it.
    /// </summary>
    public static ISiloBuilder AddJournalLogConsistencyProvider(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<JournalOptions>().BindConfiguration("Actors:Journal")
            .Validate(o => o.SnapshotInterval > 0, "Actors:Journal:SnapshotInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CommitNotifier>();
        services.AddKeyedSingleton<ILogViewAdaptorFactory, JournalLogConsistencyProvider>(JournalLogConsistencyProvider.Name);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JournalSchemaInitializer>();

        // JournaledGrain asks every provider for these; Orleans registers its own only with its built-in providers.
        services.TryAddSingleton<Factory<IGrainContext, ILogConsistencyProtocolServices>>(provider =>
            grain => ActivatorUtilities.CreateInstance<JournalProtocolServices>(provider, grain));
        return builder;
    }
}
