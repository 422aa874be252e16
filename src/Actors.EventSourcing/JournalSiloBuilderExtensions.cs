using System.Data.Common;
using Actors.Abstractions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace Actors.EventSourcing;

/// <summary>Registers Orleans' providers over the journal stores on a silo: log consistency, grain storage, reminders.</summary>
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

    /// <summary>
    /// Adds a grain storage provider named <paramref name="name"/> that keeps grain state in the journal's database
    /// (<see cref="JournalGrainStorage"/>), so every silo sees it. <paramref name="configure"/> adds the states' JSON
    /// contracts. The silo must also register an <see cref="IGrainStateStore"/> (the SQLite and PostgreSQL journals are).
    /// </summary>
    public static ISiloBuilder AddJournalGrainStorage(this ISiloBuilder builder, string name, Action<JournalGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = builder.Services.AddOptions<JournalGrainStorageOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddGrainStorage(name, (provider, storageName) => new JournalGrainStorage(
            storageName,
            provider.GetRequiredService<IOptionsMonitor<JournalGrainStorageOptions>>().Get(storageName),
            provider.GetRequiredService<IGrainStateStore>(),
            provider.GetRequiredService<IActivatorProvider>()));
        return builder;
    }

    /// <summary>
    /// Adds Orleans' reminder service with its table in the journal's database (<see cref="JournalReminderTable"/>): a
    /// grain's reminders outlive its silo and tick on the survivors. The silo must also register an
    /// <see cref="IReminderStore"/> (the SQLite and PostgreSQL journals are).
    /// </summary>
    public static ISiloBuilder UseJournalReminders(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable, JournalReminderTable>();
        return builder;
    }
}
