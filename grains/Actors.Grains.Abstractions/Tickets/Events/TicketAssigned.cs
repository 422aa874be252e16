using Actors.Grains;

namespace Actors.Grains.Tickets.Events;

/// <summary>The ticket was assigned to <paramref name="Assignee"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record TicketAssigned(string Assignee) : IActorEvent;
