using Actors.Runtime.Entities;

namespace Actors.Grains.Orders.Events;

/// <summary>A line was added.</summary>
public sealed record OrderLineAdded(string OrderLineId, string Sku, int Quantity, decimal UnitPrice) : IActorEvent;
