using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Runtime.Entities;

namespace Actors.Grains.Tickets;

/// <summary>A ticket as its events left it. The JSON names are the wire's field names.</summary>
public sealed record TicketState : EntityState
{
    public required string TicketId { get; init; }

    [JsonPropertyName("ticketState")]
    public TicketStatus Status { get; init; }

    public required string Title { get; init; }

    public TicketPriority Priority { get; init; }

    public string? Assignee { get; init; }

    public ImmutableList<Comment> Comments { get; init; } = [];
}
