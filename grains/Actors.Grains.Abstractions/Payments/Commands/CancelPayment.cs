namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>cancel</c>: no fields.</summary>
[GenerateSerializer, Immutable]
public sealed record CancelPayment;
