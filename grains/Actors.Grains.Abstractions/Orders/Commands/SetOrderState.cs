using System.Text.Json.Serialization;

namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>setOrderState</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetOrderState([property: JsonRequired] string OrderState);
