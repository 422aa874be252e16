using Actors.Runtime.Entities;

namespace Actors.Grains.Orders.Events;

/// <summary>A delivery moved to <paramref name="DeliveryState"/>.</summary>
public sealed record DeliveryStateChanged(string DeliveryId, DeliveryStatus DeliveryState) : IActorEvent;
