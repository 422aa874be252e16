using Actors.Abstractions.Errors;
using Actors.Grains;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client.Tests.Samples;

/// <summary>README sample: .NET code running in the silo's own process, on the silo's <see cref="IGrainFactory"/>.</summary>
public sealed class InSiloSample(ActorsClient actors, IGrainFactory grains)
{
    // In silo/Program.cs: var app = SiloHost.Build(args, InSiloSample.Register);
    public static void Register(WebApplicationBuilder builder) =>
        builder.Services
            .AddOrleansActorsClient(principal: "billing-job")   // an ActorsClient over the silo's own grains
            .AddSingleton<InSiloSample>();

    public async Task<decimal> BillAsync(string orderId, CancellationToken cancellationToken = default)
    {
        // One batch = one checkpoint, recorded as sent by "billing-job". No HTTP, no JSON parsing of the commands.
        var order = actors.GetActor<IOrderActor>(orderId);
        try
        {
            await order.Batch()
                .Create(new CreateOrder("1001", "SEK", null))
                .AddOrderLine(new AddOrderLine("l1", "TSHIRT", 2, 199m))
                .SendAsync(cancellationToken: cancellationToken);
        }
        catch (ActorRefusedException e) when (e.Kind == ActorErrorKind.AlreadyExists)
        {
            // Billed before: the order is there already.
        }

        // Or the grain itself: typed calls and answers, refusals as ActorException with their Kind. Typed calls are
        // not checked against permissions (grains trust their callers); the principal names who made the checkpoint.
        ActorRequestContext.Principal = "billing-job";
        var grain = grains.GetGrain<IOrderActor>(orderId);
        await grain.AddTagAsync("billed", cancellationToken);
        var state = await grain.GetAsync(cancellationToken);
        return state!.Total;
    }
}
