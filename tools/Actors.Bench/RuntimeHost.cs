using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Actors.Abstractions.Messages;
using Actors.Grains;
using Actors.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Bench;

/// <summary>
/// An Orleans silo in this process hosting the actor grains on the PostgreSQL journal, built from the product's public
/// surface exactly as the silo builds it (<see cref="ActorsSiloBuilderExtensions.AddActors"/> over
/// <see cref="PostgresJournalServiceCollectionExtensions.AddPostgresJournal"/>), minus HTTP. Batches go through the
/// silo's own <see cref="IGrainFactory"/>, as an in-process .NET caller's do.
/// </summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    /// <summary>The principal recorded on every checkpoint the benchmark writes.</summary>
    public const string Principal = "bench";

    private readonly IHost _host;

    private RuntimeHost(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>Starts a silo on the journal at <paramref name="connectionString"/> (creating or migrating its schema as the silo does).</summary>
    public static async Task<RuntimeHost> StartAsync(string connectionString, CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPostgresJournal(PostgresConnectionDefaults.Apply(connectionString));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()).AddActors());
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new RuntimeHost(host);
    }

    /// <summary>A message whose body is JSON text, as the gateway hands it over.</summary>
    public static ActorMessage Message(string type, string body = "{}")
    {
        using var document = JsonDocument.Parse(body);
        return new ActorMessage(type, document.RootElement.Clone());
    }

    /// <summary>Runs one batch on a sku actor.</summary>
    public Task<BatchResult> SendAsync(string id, bool preview, CancellationToken cancellationToken, params ActorMessage[] messages) =>
        Grains.GetActor("sku", id).ExecuteAsync(new BatchRequest(messages, Principal, Preview: preview), cancellationToken);

    /// <summary>Creates sku actors <paramref name="prefix"/>0 … (count − 1), <paramref name="parallelism"/> at a time.</summary>
    public async Task CreateSkusAsync(string prefix, int count, int parallelism, CancellationToken cancellationToken) =>
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            await SendAsync(prefix + i, false, ct, Create(prefix + i)));

    /// <summary>The <c>create</c> message of a sku.</summary>
    public static ActorMessage Create(string id) =>
        Message("create", $$"""{"skuNumber":"{{id}}","name":"Bench sku {{id}}","price":10,"currency":"SEK"}""");

    /// <summary>How many grains are active in the silo now.</summary>
    public async Task<int> ActivationCountAsync() =>
        await Grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();

    /// <summary>Deactivates every grain (their state stays in the journal), as idle collection would.</summary>
    public Task DeactivateAllAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
