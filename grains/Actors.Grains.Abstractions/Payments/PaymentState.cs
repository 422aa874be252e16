using System.Text.Json.Serialization;
using Actors.Grains;

namespace Actors.Grains.Payments;

/// <summary>A payment as its events left it. The JSON names are the wire's field names.</summary>
[GenerateSerializer, Immutable]
public sealed record PaymentState : EntityState
{
    /// <summary>The <c>paymentId</c> field.</summary>
    [Id(0)]
    public required string PaymentId { get; init; }

    /// <summary>The <c>paymentState</c> field.</summary>
    [JsonPropertyName("paymentState")]
    [Id(1)]
    public PaymentStatus Status { get; init; }

    /// <summary>The <c>amount</c> field.</summary>
    [Id(2)]
    public decimal Amount { get; init; }

    /// <summary>The <c>currency</c> field.</summary>
    [Id(3)]
    public required string Currency { get; init; }

    /// <summary>The <c>capturedAmount</c> field.</summary>
    [Id(4)]
    public decimal CapturedAmount { get; init; }

    /// <summary>The <c>refundedAmount</c> field.</summary>
    [Id(5)]
    public decimal RefundedAmount { get; init; }

    /// <summary>The <c>orderId</c> field.</summary>
    [Id(6)]
    public string? OrderId { get; init; }

    /// <summary>Digits only; sensitive, masked for callers without <c>:pii</c>.</summary>
    [Id(7)]
    public string? CardNumber { get; init; }
}
