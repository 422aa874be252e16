using System.Text.Json.Serialization;

namespace Actors.Grains.Tickets;

/// <summary>The <c>ticketState</c> of a ticket: any change among the four, except that closed is final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketStatus>))]
[GenerateSerializer]
public enum TicketStatus
{
    /// <summary>Waiting for the support team.</summary>
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>Waiting for the requester.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Answered; may be reopened.</summary>
    [JsonStringEnumMemberName("solved")]
    Solved,

    /// <summary>Final: a closed ticket takes no more changes.</summary>
    [JsonStringEnumMemberName("closed")]
    Closed,
}
