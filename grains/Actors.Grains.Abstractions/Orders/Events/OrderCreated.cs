using Actors.Grains;

namespace Actors.Grains.Orders.Events;

/// <summary>The order was created, open and empty.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderCreated(string OrderId, string? OrderNumber, string Currency, string? CustomerEmail) : IActorEvent;
