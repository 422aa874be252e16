using Actors.Grains.Assets;
using Actors.Grains.Orders;
using Actors.Grains.Payments;
using Actors.Grains.Skus;
using Actors.Grains.Tickets;
using Actors.Runtime.Entities;

namespace Actors.Grains;

/// <summary>The business actor types a silo hosts.</summary>
public static class ActorGrains
{
    /// <summary>Order, payment, ticket, asset and sku, for <see cref="ActorTypeRegistry"/>.</summary>
    public static IReadOnlyList<ActorTypeDescriptor> Types { get; } =
        [OrderActor.Type, PaymentActor.Type, TicketActor.Type, AssetActor.Type, SkuActor.Type];
}
