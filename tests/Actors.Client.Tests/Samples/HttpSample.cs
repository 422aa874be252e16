using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;

namespace Actors.Client.Tests.Samples;

/// <summary>README sample: any .NET process reaching a silo over HTTP with a bearer token.</summary>
public static class HttpSample
{
    public static async Task<JsonObject> RunAsync(Uri silo, string token, string orderId, CancellationToken cancellationToken = default)
    {
        await using var actors = ActorsClient.Http(silo, token);   // e.g. http://127.0.0.1:5080 and "dev-admin"
        var order = actors.GetActor<IOrderActor>(orderId);
        try
        {
            await order.Batch()
                .Create(new CreateOrder("1003", "SEK", null))
                .AddOrderLine(new AddOrderLine("l1", "CAP", 3, 80m))
                .SendAsync(cancellationToken: cancellationToken);
        }
        catch (ActorRefusedException e) when (e.Kind == ActorErrorKind.AlreadyExists)
        {
            // Created before.
        }

        return await order.QueryAsync(ActorQuery.Select("orderId", "orderState", "total"), cancellationToken);
    }
}
