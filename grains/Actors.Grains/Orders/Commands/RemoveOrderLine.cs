namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>removeOrderLine</c>.</summary>
public sealed record RemoveOrderLine(string? OrderLineId);
