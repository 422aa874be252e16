using System.Text.Json.Serialization;

namespace Actors.Grains.Orders;

/// <summary>The <c>deliveryState</c> of a delivery: pending → shipped → delivered → returned, shipped → returned.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
[GenerateSerializer]
public enum DeliveryStatus
{
    /// <summary>Not yet handed to the carrier.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>On its way.</summary>
    [JsonStringEnumMemberName("shipped")]
    Shipped,

    /// <summary>Received by the customer.</summary>
    [JsonStringEnumMemberName("delivered")]
    Delivered,

    /// <summary>Sent back; final.</summary>
    [JsonStringEnumMemberName("returned")]
    Returned,
}
