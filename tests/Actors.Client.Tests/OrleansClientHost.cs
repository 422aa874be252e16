using Actors.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Actors.Client.Tests;

/// <summary>An external Orleans client host (<c>UseOrleansClient</c>) in this process, connected to a silo's gateway port.</summary>
public static class OrleansClientHost
{
    /// <summary>Starts a host whose Orleans client reaches the silo at <paramref name="gatewayPort"/>; <paramref name="services"/> adds to it.</summary>
    public static async Task<IHost> StartAsync(int gatewayPort, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        builder.Services.AddSerializer(serializer => serializer.AddActorsJson());
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
