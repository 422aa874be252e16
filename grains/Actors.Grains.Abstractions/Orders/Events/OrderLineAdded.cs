using Actors.Grains;

namespace Actors.Grains.Orders.Events;

/// <summary>A line was added.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderLineAdded(string OrderLineId, string Sku, int Quantity, decimal UnitPrice) : IActorEvent;
