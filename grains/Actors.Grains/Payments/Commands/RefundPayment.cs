namespace Actors.Grains.Payments.Commands;

/// <summary>Body of <c>refund</c>.</summary>
public sealed record RefundPayment(decimal? Amount);
