namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>create</c>: <c>amount</c> and <c>currency</c> are required.</summary>
[GenerateSerializer, Immutable]
public sealed record CreatePayment(decimal? Amount, string? Currency, string? OrderId, string? CardNumber);
