using Actors.Grains;

namespace Actors.Grains.Tickets.Events;

/// <summary>The ticket was created, open.</summary>
[GenerateSerializer, Immutable]
public sealed record TicketCreated(string TicketId, string Title, TicketPriority Priority) : IActorEvent;
