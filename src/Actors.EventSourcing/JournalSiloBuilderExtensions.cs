using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.EventSourcing;
using Orleans.Serialization;

namespace Actors.EventSourcing;

/// <summary>Registers the journal log-consistency provider on a silo.</summary>
public static class JournalSiloBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="JournalLogConsistencyProvider"/> under <see cref="JournalLogConsistencyProvider.Name"/>, its
    /// <see cref="JournalOptions"/> bound from <c>Actors:Journal</c>, and the
    /// serialization of the stores' driver exceptions, which travel inside <c>StorageUnavailableException</c>.
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
        services.AddKeyedSingleton<ILogViewAdaptorFactory, JournalLogConsistencyProvider>(JournalLogConsistencyProvider.Name);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JournalSchemaInitializer>();

        // A journal outage reaches the caller as StorageUnavailableException around the driver's exception (NpgsqlException,
        // SqliteException: DbExceptions). Orleans serializes exceptions only of the namespaces it knows (System, Microsoft ...),
        // so across a grain call a PostgreSQL outage arrived as CodecNotFoundException instead. Driver exceptions travel too.
        services.Configure<ExceptionSerializationOptions>(options =>
        {
            var others = options.SupportedExceptionTypeFilter;
            options.SupportedExceptionTypeFilter = type => typeof(DbException).IsAssignableFrom(type) || (others?.Invoke(type) ?? false);
        });

        // JournaledGrain asks every provider for these; Orleans registers its own only with its built-in providers.
        services.TryAddSingleton<Factory<IGrainContext, ILogConsistencyProtocolServices>>(provider =>
            grain => ActivatorUtilities.CreateInstance<JournalProtocolServices>(provider, grain));
        return builder;
    }
}
