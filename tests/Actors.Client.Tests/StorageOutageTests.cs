using Actors.Abstractions.Errors;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Client.Tests;

/// <summary>
/// PostgreSQL goes away under a running silo: a grain call fails with the project's
/// <see cref="StorageUnavailableException"/>, in the silo and through an external Orleans client, and the actors client
/// turns it into <see cref="ActorStorageUnavailableException"/> (503), as over HTTP.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private PostgresTestDatabase? _database;
    private TcpProxy? _proxy;
    private TestSilo? _silo;
    private IHost? _client;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_client_outage");
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _proxy = new TcpProxy(server.Host!, server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port, Timeout = 3 };
        var settings = TestPrincipal.Configuration();
        settings["ConnectionStrings:Postgres"] = throughProxy.ConnectionString;
        _silo = await TestSilo.StartAsync(settings, LogLevel.Critical);
        _client = await OrleansClientHost.StartAsync(_silo.GatewayPort);
    }

    [Fact]
    public async Task A_journal_that_cannot_be_reached_is_storage_unavailable_on_every_Orleans_path()
    {
        var inSilo = _silo!.App.Services.GetRequiredService<IGrainFactory>();
        var external = _client!.Services.GetRequiredService<IClusterClient>();
        var id = $"ord-{Guid.NewGuid():N}";
        await inSilo.GetGrain<IOrderActor>(id).CreateAsync(new CreateOrder(null, "SEK", null));
        await using var actors = ActorsClient.Orleans(external, "outage-test");

        _proxy!.Stop();
        var write = await Assert.ThrowsAsync<StorageUnavailableException>(() => inSilo.GetGrain<IOrderActor>(id).AddTagAsync("in-silo"));
        var remoteWrite = await Assert.ThrowsAsync<StorageUnavailableException>(() => external.GetGrain<IOrderActor>(id).AddTagAsync("external"));
        var remoteActivation = await Assert.ThrowsAsync<StorageUnavailableException>(() => external.GetGrain<IOrderActor>($"never-{Guid.NewGuid():N}").GetAsync());
        var client = await Assert.ThrowsAsync<ActorStorageUnavailableException>(() => actors.GetActor<IOrderActor>(id).SendAsync(ActorCommand.AddTag("client")));

        Assert.All(new[] { write.Message, remoteWrite.Message, remoteActivation.Message }, m => Assert.False(string.IsNullOrWhiteSpace(m)));
        Assert.Equal((503, "urn:actors:problem:storage-unavailable"), (client.Status, client.ProblemType));
        Assert.IsType<StorageUnavailableException>(client.InnerException);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
