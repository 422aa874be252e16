using Actors.Grains;

namespace Actors.Grains.Orders.Events;

/// <summary>A line was removed.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderLineRemoved(string OrderLineId) : IActorEvent;
