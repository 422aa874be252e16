using System.Text.Json.Serialization;

namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>addOrderLine</c>; an id is generated when <c>orderLineId</c> is absent.</summary>
[GenerateSerializer, Immutable]
public sealed record AddOrderLine(string? OrderLineId, [property: JsonRequired] string Sku, [property: JsonRequired] int Quantity, [property: JsonRequired] decimal UnitPrice);
