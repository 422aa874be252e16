namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>setTicketState</c>.</summary>
public sealed record SetTicketState(string? TicketState);
