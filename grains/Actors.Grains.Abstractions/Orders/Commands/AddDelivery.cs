namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>addDelivery</c>; an id is generated when <c>deliveryId</c> is absent.</summary>
[GenerateSerializer, Immutable]
public sealed record AddDelivery(string? DeliveryId);
