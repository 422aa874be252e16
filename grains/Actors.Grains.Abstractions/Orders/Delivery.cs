namespace Actors.Grains.Orders;

/// <summary>A node of the order's <c>deliveries</c> edge.</summary>
[GenerateSerializer, Immutable]
public sealed record Delivery(string DeliveryId, DeliveryStatus DeliveryState);
