using System.Text.Json.Serialization;

namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>create</c>: <c>amount</c> and <c>currency</c> are required.</summary>
[GenerateSerializer, Immutable]
public sealed record CreatePayment([property: JsonRequired] decimal Amount, [property: JsonRequired] string Currency, string? OrderId, string? CardNumber);
