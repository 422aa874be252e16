using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Client.Tests;

/// <summary>
/// A real silo, and an external Orleans client host in this process connected to the silo's gateway port: grain calls
/// cross a real Orleans connection and are serialized both ways.
/// </summary>
public sealed class OrleansClientFixture : SiloFixture
{
    private IHost? _client;

    /// <summary>The external client's cluster client.</summary>
    public IClusterClient Cluster => (_client ?? throw new InvalidOperationException("The Orleans client is not started.")).Services.GetRequiredService<IClusterClient>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = await OrleansClientHost.StartAsync(Silo.GatewayPort);
    }

    /// <summary>A client over the external Orleans client acting as <paramref name="principal"/> with its permissions.</summary>
    public ActorsClient OrleansClient(TestPrincipal principal) => ActorsClient.Orleans(Cluster, principal.Name, principal.Permissions);

    public override async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OrleansClientCollection : ICollectionFixture<OrleansClientFixture>
{
    public const string Name = "client through an Orleans client";
}
