using Actors.EventSourcing;
using Actors.Grains.History;
using Actors.Grains.Snapshots;
using Actors.History;
using Actors.PersonalData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Actors.Grains;

/// <summary>Hosts the actor grains on an Orleans silo.</summary>
public static class ActorsSiloBuilderExtensions
{
    /// <summary>
    /// Everything the actor grains need on a silo, bound from the <c>Actors</c> configuration section: the journal
    /// log-consistency provider (<c>Actors:Journal</c>), the grains' settings (<c>Actors:Grains</c>, with
    /// <c>IdleTimeout</c> for deactivating unused actors), the history's rules (<c>Actors:History</c>), the JSON codec for message bodies, and trace propagation
    /// across grain calls; and for compliance snapshot jobs (<c>Actors:Snapshots</c>) grain storage and reminders in the
    /// journal's database; and the history lifecycle (<c>Actors:History</c>): the tiered journal in front of the store, so
    /// every read falls back to the archive below a boundary, compaction jobs and the retention policy. The silo must
    /// register the journal (<c>AddSqliteJournal</c> or <c>AddPostgresJournal</c>) before: it is decorated here so that
    /// the actors' personal fields are stored sealed with per-actor keys and erasure can destroy them
    /// (<see cref="PersonalDataServiceCollectionExtensions.AddPersonalDataProtection"/>).
    /// </summary>
    public static ISiloBuilder AddActors(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ActorGrainOptions>().BindConfiguration("Actors:Grains")
            .Validate(o => o.MaxConflictRetries >= 0, "Actors:Grains:MaxConflictRetries must not be negative.")
            .ValidateOnStart();
        services.AddOptions<ActorHistoryOptions>().BindConfiguration("Actors:History");
        services.TryAddSingleton<ActorGrainServices>();
        services.AddOptions<GrainCollectionOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            // An actor unused for this long is deactivated: its memory freed, its state still in the journal.
            options.CollectionAge = configuration.GetValue("Actors:Grains:IdleTimeout", TimeSpan.FromMinutes(10));
        });
        silo.AddJournalLogConsistencyProvider();

        // Snapshot jobs: their state and reminders live in the journal's database, so any silo can go on with them.
        services.AddOptions<SnapshotJobOptions>().BindConfiguration("Actors:Snapshots")
            .Validate(
                o => o.PageSize > 0 && o.ResumePeriod >= TimeSpan.FromMinutes(1) && o.RetryDelay > TimeSpan.Zero,
                "Actors:Snapshots needs a positive PageSize and RetryDelay, and a ResumePeriod of at least a minute (Orleans' shortest reminder).")
            .ValidateOnStart();
        services.TryAddSingleton<AsOfReader>();
        services.AddHistoryLifecycle();
        // After the tiers, so it is the outermost journal: compaction copies rows as stored (personal values sealed) into
        // the archive, and erasure's destroyed keys make those copies unreadable too.
        services.AddPersonalDataProtection(ActorPersonalData.Catalog);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RetentionScheduler>();
        silo.AddJournalGrainStorage(SnapshotJobGrain.StorageName, o =>
        {
            o.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, SnapshotJobJsonContext.Default);
            o.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, HistoryJsonContext.Default);
        });
        silo.UseJournalReminders();
        silo.AddActivityPropagation();
        services.AddSerializer(serializer => serializer.AddActorsJson());
        return silo;
    }
}
