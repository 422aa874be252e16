using System.Text.Json.Serialization;

namespace Actors.Grains.Orders;

/// <summary>The <c>orderState</c> of an order: open → confirmed → completed, open | confirmed → cancelled.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
[GenerateSerializer]
public enum OrderStatus
{
    /// <summary>Lines may be added and removed.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>The lines are fixed.</summary>
    [JsonStringEnumMemberName("confirmed")]
    Confirmed,

    /// <summary>Final.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Final.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
