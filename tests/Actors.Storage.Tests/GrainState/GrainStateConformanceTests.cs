using Actors.Abstractions.Storage;
using Actors.EventSourcing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace Actors.Storage.Tests.GrainState;

/// <summary>
/// What every store keeps beside the journal for the silos of a cluster, checked through the Orleans contracts built on
/// it: grain storage (<see cref="JournalGrainStorage"/>), the reminder table (<see cref="JournalReminderTable"/>), and
/// compliance snapshot data. Each store runs the suite through a subclass; each test uses its own grain ids, service id
/// and snapshot id. Two adapter instances over one store stand for two silos.
/// </summary>
public abstract partial class GrainStateConformanceTests(IGrainStateStore grainStates, IReminderStore reminders, ISnapshotDataStore snapshotData)
    : IDisposable
{
    private static readonly IActivatorProvider Activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    /// <summary>Every awaited call gives up after a minute instead of hanging the run.</summary>
    protected CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    private JournalGrainStorage GrainStorage() => new("Jobs", new JournalGrainStorageOptions(), grainStates, Activators);

    private JournalReminderTable ReminderTable(string serviceId) =>
        new(reminders, Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "test" }));

    private static GrainId NewGrain(string type = "test-job") => GrainId.Create(type, $"g-{Guid.NewGuid():N}");

    private static string NewServiceId() => $"service-{Guid.NewGuid():N}";
}
