namespace Actors.Grains.Tickets.Commands;

/// <summary>Body of <c>setPriority</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetTicketPriority(string? Priority);
