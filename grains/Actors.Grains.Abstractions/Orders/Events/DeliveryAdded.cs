using Actors.Grains;

namespace Actors.Grains.Orders.Events;

/// <summary>A delivery was added, pending.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryAdded(string DeliveryId) : IActorEvent;
