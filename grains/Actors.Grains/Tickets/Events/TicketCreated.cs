using Actors.Runtime.Entities;

namespace Actors.Grains.Tickets.Events;

/// <summary>The ticket was created, open.</summary>
public sealed record TicketCreated(string TicketId, string Title, TicketPriority Priority) : IActorEvent;
