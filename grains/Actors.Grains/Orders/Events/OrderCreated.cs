using Actors.Runtime.Entities;

namespace Actors.Grains.Orders.Events;

/// <summary>The order was created, open and empty.</summary>
public sealed record OrderCreated(string OrderId, string? OrderNumber, string Currency, string? CustomerEmail) : IActorEvent;
