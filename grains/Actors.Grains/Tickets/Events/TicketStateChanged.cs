using Actors.Runtime.Entities;

namespace Actors.Grains.Tickets.Events;

/// <summary>The ticket moved to <paramref name="TicketState"/>.</summary>
public sealed record TicketStateChanged(TicketStatus TicketState) : IActorEvent;
