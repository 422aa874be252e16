namespace Actors.Grains.Orders;

/// <summary>A node of the order's <c>lines</c> edge. <paramref name="Total"/> is <paramref name="Quantity"/> × <paramref name="UnitPrice"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderLine(string OrderLineId, string Sku, int Quantity, decimal UnitPrice, decimal Total);
