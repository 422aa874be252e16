using Actors.Abstractions.Storage;
using Actors.EventSourcing;
using Actors.PersonalData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Actors.Grains.Tests.Hosting;

/// <summary>
/// The five grains in Orleans test clusters over one journal, shared by a whole test collection (each test uses its own
/// actor ids). <see cref="Cluster"/> has two silos, configured as the silo host configures them. <see cref="SnapshottingCluster"/>
/// is a one-silo cluster on the same journal that writes a state snapshot with every checkpoint
/// (<c>Actors:Journal:SnapshotInterval=1</c>), so an actor it wrote loads in <see cref="Cluster"/> from its snapshot.
/// </summary>
public abstract class GrainCluster : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;
    private InProcessTestCluster? _snapshottingCluster;

    /// <summary>
    /// The journal every silo of both clusters appends to, as stored: personal values sealed (the silos read and write it
    /// through <see cref="ProtectedJournalStore"/>, as the silo host's do).
    /// </summary>
    public IJournalStore Store { get; private set; } = null!;

    /// <summary>The two-silo cluster the tests call.</summary>
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>A one-silo cluster on the same journal whose grains snapshot every checkpoint.</summary>
    public InProcessTestCluster SnapshottingCluster => _snapshottingCluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>The grains of <see cref="Cluster"/>, as an Orleans client calls them.</summary>
    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(CancellationToken.None);
        var clusters = await Task.WhenAll(
            StartAsync(silos: 2, settings: []),
            StartAsync(silos: 1, settings: new() { ["Actors:Journal:SnapshotInterval"] = "1" }));
        (_cluster, _snapshottingCluster) = (clusters[0], clusters[1]);
    }

    public async Task DisposeAsync()
    {
        foreach (var cluster in new[] { _cluster, _snapshottingCluster })
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }

        await DisposeStoreAsync();
    }

    /// <summary>A new, empty journal; <see cref="IJournalStore.InitializeAsync"/> is called after.</summary>
    protected abstract Task<IJournalStore> CreateStoreAsync();

    /// <summary>Closes the journal and removes what <see cref="CreateStoreAsync"/> created.</summary>
    protected abstract Task DisposeStoreAsync();

    /// <summary>Starts a cluster of <paramref name="silos"/> silos with <paramref name="settings"/> over the silo's defaults.</summary>
    private async Task<InProcessTestCluster> StartAsync(short silos, Dictionary<string, string?> settings)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            // What SiloHost registers, except the journal: every silo shares this fixture's, as silo processes share one database.
            silo.Services.AddSingleton(Store);
            silo.Services.AddSingleton((IDataKeyStore)Store);
            silo.Services.AddPersonalDataProtection(ActorPersonalData.Catalog);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddOptions<ActorGrainOptions>();
            silo.Services.AddSingleton<ActorGrainServices>();
            silo.Services.AddSerializer(serializer => serializer.AddActorsJson());
            silo.AddJournalLogConsistencyProvider();
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(serializer => serializer.AddActorsJson()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
