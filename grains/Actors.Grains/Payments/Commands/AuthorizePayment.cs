namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>authorize</c>: no fields.</summary>
public sealed record AuthorizePayment;
