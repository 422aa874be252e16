using Actors.Runtime.Entities;

namespace Actors.Grains.Orders.Events;

/// <summary>The order moved to <paramref name="OrderState"/>.</summary>
public sealed record OrderStateChanged(OrderStatus OrderState) : IActorEvent;
