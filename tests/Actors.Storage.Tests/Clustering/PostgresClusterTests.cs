using Actors.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Messaging;
using Xunit.Abstractions;

namespace Actors.Storage.Tests.Clustering;

/// <summary>Two silos on one PostgreSQL database are one Orleans cluster, and Orleans clients find it there.</summary>
public sealed class PostgresClusterTests(PostgresClusterFixture cluster, ITestOutputHelper output)
    : IClassFixture<PostgresClusterFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task Both_silos_see_the_same_two_active_silos()
    {
        output.WriteLine($"Both silos started after {cluster.StartTime.TotalSeconds:F1} s and saw each other active after {cluster.FormationTime.TotalSeconds:F1} s.");
        var expected = new[] { SiloOf(cluster.First), SiloOf(cluster.Second) }.OrderBy(s => s.ToParsableString());

        foreach (var silo in new[] { cluster.First, cluster.Second })
        {
            var management = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true).WaitAsync(Ct);
            Assert.Equal(expected, hosts.Keys.OrderBy(s => s.ToParsableString()));

            var view = silo.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
            Assert.Equal(expected, view.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).OrderBy(s => s.ToParsableString()));
        }

        Assert.Empty(cluster.FatalErrors.Errors);
    }

    [Fact]
    public async Task A_grain_called_through_either_silo_is_one_activation()
    {
        var first = cluster.First.Services.GetRequiredService<IGrainFactory>();
        var second = cluster.Second.Services.GetRequiredService<IGrainFactory>();
        var run = Guid.NewGuid().ToString("N");

        // The probes prefer the silo that first calls them: half start on each silo, then each is called through the other.
        foreach (var (creator, other, home) in new[] { (first, second, SiloOf(cluster.First)), (second, first, SiloOf(cluster.Second)) })
        {
            for (var i = 0; i < 5; i++)
            {
                var id = $"{run}-{home.Generation}-{i}";
                var created = await creator.GetGrain<IClusterProbeGrain>(id).GetActivationAsync().WaitAsync(Ct);
                var throughOther = await other.GetGrain<IClusterProbeGrain>(id).GetActivationAsync().WaitAsync(Ct);
                var again = await creator.GetGrain<IClusterProbeGrain>(id).GetActivationAsync().WaitAsync(Ct);

                Assert.Equal(home, created.Silo);
                Assert.Equal(created, throughOther);
                Assert.Equal(created, again);
            }
        }
    }

    [Fact]
    public async Task An_orleans_client_finds_both_gateways_and_reaches_the_same_activation()
    {
        var id = $"client-{Guid.NewGuid():N}";
        var created = await cluster.First.Services.GetRequiredService<IGrainFactory>().GetGrain<IClusterProbeGrain>(id).GetActivationAsync().WaitAsync(Ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (PostgresClusterFixture.ClusterId, PostgresClusterFixture.ServiceId));
            client.UsePostgresClustering(cluster.ConnectionString);
        });
        using var host = builder.Build();
        await host.StartAsync(Ct);
        try
        {
            var gateways = await host.Services.GetRequiredService<IGatewayListProvider>().GetGatewaysAsync(Ct);
            var expected = new[] { cluster.First, cluster.Second }.Select(GatewayOf).OrderBy(u => u.ToString());
            Assert.Equal(expected, gateways.OrderBy(u => u.ToString()));

            var throughClient = await host.Services.GetRequiredService<IClusterClient>().GetGrain<IClusterProbeGrain>(id).GetActivationAsync().WaitAsync(Ct);
            Assert.Equal(created, throughClient);
        }
        finally
        {
            await host.StopAsync(Ct);
        }
    }

    public void Dispose() => _timeout.Dispose();

    private static SiloAddress SiloOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The silo's client endpoint, named with the silo's generation as gateway lists name it.</summary>
    private static Uri GatewayOf(IHost silo)
    {
        var details = silo.Services.GetRequiredService<ILocalSiloDetails>();
        return SiloAddress.New(details.GatewayAddress.Endpoint, details.SiloAddress.Generation).ToGatewayUri();
    }
}
