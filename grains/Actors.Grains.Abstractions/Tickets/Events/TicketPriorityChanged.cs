using Actors.Grains;

namespace Actors.Grains.Tickets.Events;

/// <summary>The ticket's priority was set.</summary>
[GenerateSerializer, Immutable]
public sealed record TicketPriorityChanged(TicketPriority Priority) : IActorEvent;
