using System.Text.Json.Serialization;

namespace Actors.Grains.Tickets;

/// <summary>The <c>priority</c> of a ticket.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketPriority>))]
public enum TicketPriority
{
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>The default.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    [JsonStringEnumMemberName("high")]
    High,

    [JsonStringEnumMemberName("urgent")]
    Urgent,
}
