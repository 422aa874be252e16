using System.Text.Json.Serialization;

namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>setDeliveryState</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetDeliveryState([property: JsonRequired] string DeliveryId, [property: JsonRequired] string DeliveryState);
