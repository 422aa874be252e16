using Actors.Grains;

namespace Actors.Grains.Orders.Events;

/// <summary>The order moved to <paramref name="OrderState"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderStateChanged(OrderStatus OrderState) : IActorEvent;
