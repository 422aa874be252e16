using System.Text.Json.Serialization;

namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>removeOrderLine</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record RemoveOrderLine([property: JsonRequired] string OrderLineId);
