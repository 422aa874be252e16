using Actors.Grains;

namespace Actors.Grains.Orders.Events;

/// <summary>A delivery moved to <paramref name="DeliveryState"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryStateChanged(string DeliveryId, DeliveryStatus DeliveryState) : IActorEvent;
