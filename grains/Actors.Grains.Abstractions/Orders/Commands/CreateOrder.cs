using System.Text.Json.Serialization;

namespace Actors.Grains.Orders.Commands;

/// <summary>Body of <c>create</c>: <c>currency</c> is required.</summary>
[GenerateSerializer, Immutable]
public sealed record CreateOrder(string? OrderNumber, [property: JsonRequired] string Currency, string? CustomerEmail);
