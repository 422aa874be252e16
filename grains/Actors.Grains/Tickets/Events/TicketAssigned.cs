using Actors.Runtime.Entities;

namespace Actors.Grains.Tickets.Events;

/// <summary>The ticket was assigned to <paramref name="Assignee"/>.</summary>
public sealed record TicketAssigned(string Assignee) : IActorEvent;
