using Actors.Grains;

namespace Actors.Grains.Orders.Events;

/// <summary>The order's customer email was set.</summary>
[GenerateSerializer, Immutable]
public sealed record CustomerEmailSet(string CustomerEmail) : IActorEvent;
