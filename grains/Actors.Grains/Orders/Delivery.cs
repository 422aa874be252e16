namespace Actors.Grains.Orders;

/// <summary>A node of the order's <c>deliveries</c> edge.</summary>
public sealed record Delivery(string DeliveryId, DeliveryStatus DeliveryState);
