namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>setPriority</c>.</summary>
public sealed record SetTicketPriority(string? Priority);
