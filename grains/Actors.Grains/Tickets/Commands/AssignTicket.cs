namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>assign</c>.</summary>
public sealed record AssignTicket(string? Assignee);
