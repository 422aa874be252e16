using Actors.Runtime.Entities;

namespace Actors.Grains.Tickets.Events;

/// <summary>The ticket's priority was set.</summary>
public sealed record TicketPriorityChanged(TicketPriority Priority) : IActorEvent;
