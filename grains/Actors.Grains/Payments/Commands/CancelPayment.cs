namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>cancel</c>: no fields.</summary>
public sealed record CancelPayment;
