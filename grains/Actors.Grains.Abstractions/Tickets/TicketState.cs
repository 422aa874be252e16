using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Grains;

namespace Actors.Grains.Tickets;

/// <summary>A ticket as its events left it. The JSON names are the wire's field names.</summary>
[GenerateSerializer, Immutable]
public sealed record TicketState : EntityState
{
    /// <summary>The <c>ticketId</c> field.</summary>
    [Id(0)]
    public required string TicketId { get; init; }

    /// <summary>The <c>ticketState</c> field.</summary>
    [JsonPropertyName("ticketState")]
    [Id(1)]
    public TicketStatus Status { get; init; }

    /// <summary>The <c>title</c> field.</summary>
    [Id(2)]
    public required string Title { get; init; }

    /// <summary>The <c>priority</c> field.</summary>
    [Id(3)]
    public TicketPriority Priority { get; init; }

    /// <summary>The <c>assignee</c> field.</summary>
    [Id(4)]
    public string? Assignee { get; init; }

    /// <summary>The <c>comments</c> field.</summary>
    [Id(5)]
    public ImmutableList<Comment> Comments { get; init; } = [];
}
