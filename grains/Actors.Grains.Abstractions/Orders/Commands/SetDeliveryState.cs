namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>setDeliveryState</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetDeliveryState(string? DeliveryId, string? DeliveryState);
