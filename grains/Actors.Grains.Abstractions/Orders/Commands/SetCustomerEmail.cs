namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>setCustomerEmail</c>: the order's customer email (personal data), required.</summary>
[GenerateSerializer, Immutable]
public sealed record SetCustomerEmail(string? CustomerEmail);
