using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.EventSourcing.Tests.Counters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Actors.EventSourcing.Tests;

/// <summary>
/// One in-process Orleans silo (and its client) hosting <see cref="CounterGrain"/> over a real journal, shared by the
/// tests of a collection; each test uses counters of its own. The silo reaches the journal through an
/// <see cref="InstrumentedStore"/>; <see cref="Journal"/> reaches the same journal directly, as another silo would.
/// </summary>
public abstract class JournalCluster : IAsyncLifetime
{
    /// <summary>The silo's <see cref="JournalOptions.SnapshotInterval"/>: small, so short histories cross several snapshots.</summary>
    public const int SnapshotInterval = 8;

    private InProcessTestCluster? _cluster;

    /// <summary>The store the silo uses.</summary>
    public InstrumentedStore Store { get; private set; } = null!;

    /// <summary>The same journal, reached without the silo (and without its outages): the other writer, and the test's eyes.</summary>
    public IJournalStore Journal { get; private set; } = null!;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>A counter nobody used yet, and the actor its journal rows belong to.</summary>
    public (ICounterGrain Grain, ActorKey Actor) NewCounter()
    {
        var id = $"c-{Guid.NewGuid():N}";
        return (Cluster.Client.GetGrain<ICounterGrain>(id), new ActorKey(CounterGrain.TypeName, id));
    }

    /// <summary>Makes the journal unreachable for the silo, until the returned scope is disposed.</summary>
    public abstract IDisposable CutJournal();

    public async Task InitializeAsync()
    {
        var (silo, direct) = await OpenStoresAsync();
        await direct.InitializeAsync(CancellationToken.None);
        Journal = direct;
        Store = new InstrumentedStore(silo);

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureSilo((_, siloBuilder) =>
        {
            siloBuilder.AddJournalLogConsistencyProvider();
            siloBuilder.Services.AddSingleton<IJournalStore>(Store);
            siloBuilder.Services.Configure<JournalOptions>(options => options.SnapshotInterval = SnapshotInterval);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await CloseStoresAsync();
    }

    /// <summary>Opens the store the silo will use and one that reaches the same journal directly.</summary>
    protected abstract Task<(IJournalStore Silo, IJournalStore Direct)> OpenStoresAsync();

    protected abstract Task CloseStoresAsync();

    /// <summary>Calls <paramref name="restore"/> when disposed.</summary>
    protected sealed class Outage(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
