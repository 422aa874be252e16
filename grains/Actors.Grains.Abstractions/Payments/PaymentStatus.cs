using System.Text.Json.Serialization;

namespace Actors.Grains.Payments;

/// <summary>The <c>paymentState</c> of a payment.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentStatus>))]
[GenerateSerializer]
public enum PaymentStatus
{
    /// <summary>Created; may be authorized or cancelled.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Authorized; may be captured or cancelled.</summary>
    [JsonStringEnumMemberName("authorized")]
    Authorized,

    /// <summary>Some or all of the amount is captured; may be captured further and refunded.</summary>
    [JsonStringEnumMemberName("captured")]
    Captured,

    /// <summary>Everything captured was refunded; final.</summary>
    [JsonStringEnumMemberName("refunded")]
    Refunded,

    /// <summary>Cancelled before capture; final.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
