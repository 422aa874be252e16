using Actors.Abstractions.Errors;
using Actors.Grains;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;

namespace Actors.Client.Tests.Samples;

/// <summary>README sample: a process of its own (a worker, a web app) joining a running silo as an Orleans client.</summary>
public static class OrleansClientSample
{
    public static async Task<OrderState?> RunAsync(int gatewayPort, string orderId, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));   // the silo's Orleans:Endpoints:GatewayPort (30000)
        builder.Services.AddSerializer(serializer => serializer.AddActorsJson());         // message bodies are JSON, as on the silo
        builder.Services.AddOrleansActorsClient(principal: "shop", permissions: ["actors/order:read", "actors/order:write"]);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);

        // Checked and masked as the gateway does for a token with these permissions; recorded as sent by "shop".
        var actors = host.Services.GetRequiredService<ActorsClient>();
        var order = actors.GetActor<IOrderActor>(orderId);
        try
        {
            await order.Batch()
                .Create(new CreateOrder("1002", "SEK", null))
                .AddOrderLine(new AddOrderLine("l1", "MUG", 1, 120m))
                .SendAsync(cancellationToken: cancellationToken);
        }
        catch (ActorRefusedException e) when (e.Kind == ActorErrorKind.AlreadyExists)
        {
            // Created before.
        }

        // Or the grain itself, typed, through the cluster client (not checked against permissions).
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var state = await grains.GetGrain<IOrderActor>(orderId).GetAsync(cancellationToken);

        await host.StopAsync(cancellationToken);
        return state;
    }
}
