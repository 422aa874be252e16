using Actors.Runtime.Entities;

namespace Actors.Grains.Orders.Events;

/// <summary>A line was removed.</summary>
public sealed record OrderLineRemoved(string OrderLineId) : IActorEvent;
