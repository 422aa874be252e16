namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>authorize</c>: no fields.</summary>
[GenerateSerializer, Immutable]
public sealed record AuthorizePayment;
