using Actors.Runtime.Entities;

namespace Actors.Grains.Orders.Events;

/// <summary>A delivery was added, pending.</summary>
public sealed record DeliveryAdded(string DeliveryId) : IActorEvent;
