namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>setTicketState</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetTicketState(string? TicketState);
