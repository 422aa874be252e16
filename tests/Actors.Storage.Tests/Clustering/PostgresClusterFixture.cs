using System.Diagnostics;
using System.Net;
using Actors.Storage.Postgres;
using System.Net.Sockets;
using Actors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Actors.Storage.Tests.Clustering;

/// <summary>
/// Two Orleans silos in this process, each in its own host with its own ports, clustered through the membership tables
/// of one fresh PostgreSQL database (<see cref="PostgresClusteringExtensions.UsePostgresClustering(ISiloBuilder)"/>,
/// with its default failure detection). Ready once each silo sees both silos active.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public const string ClusterId = "actors-test";

    public const string ServiceId = "actors-test";

    private readonly List<IHost> _silos = [];
    private PostgresTestDatabase? _database;

    public IHost First => _silos[0];

    public IHost Second => _silos[1];

    public string ConnectionString => _database!.ConnectionString;

    /// <summary>From starting both silos to both having started (each joined the cluster as it found it).</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>From starting both silos to both seeing two active silos.</summary>
    public TimeSpan FormationTime { get; private set; }

    /// <summary>Anything that would have ended a silo (and, in process, the test run).</summary>
    public RecordingFatalErrorHandler FatalErrors { get; } = new();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _database = await PostgresTestDatabase.CreateAsync("actors_cluster");
        _silos.Add(CreateSilo("silo-a"));
        _silos.Add(CreateSilo("silo-b"));

        // Both at once: they also race to create the schema and the cluster's version row.
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(_silos.Select(s => s.StartAsync(timeout.Token)));
        StartTime = stopwatch.Elapsed;
        await Task.WhenAll(_silos.Select(s => WaitForActiveSilosAsync(s, 2, timeout.Token)));
        FormationTime = stopwatch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Task.WhenAll(_silos.Select(s => s.StopAsync(timeout.Token)));
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Completes once the silo's own membership view counts <paramref name="count"/> active silos.</summary>
    public static async Task WaitForActiveSilosAsync(IHost silo, int count, CancellationToken cancellationToken)
    {
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
        {
            if (snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) == count)
            {
                return;
            }
        }
    }

    private IHost CreateSilo(string name)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPostgresJournal(ConnectionString);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId));
            silo.Configure<SiloOptions>(o => o.SiloName = name);
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort());
            silo.UsePostgresClustering();
            silo.Services.AddSingleton<IFatalErrorHandler>(FatalErrors);
        });
        return builder.Build();
    }

    /// <summary>A TCP port nothing listens on now (the OS picks it; a later bind may still race, rarely).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
