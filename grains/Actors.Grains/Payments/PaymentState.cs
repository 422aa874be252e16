using System.Text.Json.Serialization;
using Actors.Runtime.Entities;

namespace Actors.Grains.Payments;

/// <summary>A payment as its events left it. The JSON names are the wire's field names.</summary>
public sealed record PaymentState : EntityState
{
    public required string PaymentId { get; init; }

    [JsonPropertyName("paymentState")]
    public PaymentStatus Status { get; init; }

    public decimal Amount { get; init; }

    public required string Currency { get; init; }

    public decimal CapturedAmount { get; init; }

    public decimal RefundedAmount { get; init; }

    public string? OrderId { get; init; }

    /// <summary>Digits only; sensitive, masked for callers without <c>:pii</c>.</summary>
    public string? CardNumber { get; init; }
}
