using System.Text.Json.Serialization;

namespace Actors.Grains.Tickets;

/// <summary>The <c>priority</c> of a ticket.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketPriority>))]
[GenerateSerializer]
public enum TicketPriority
{
    /// <summary>Can wait.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>The default.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    /// <summary>Before normal ones.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Now.</summary>
    [JsonStringEnumMemberName("urgent")]
    Urgent,
}
