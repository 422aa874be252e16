namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>setOrderState</c>.</summary>
public sealed record SetOrderState(string? OrderState);
