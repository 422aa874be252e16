using Actors.Grains;

namespace Actors.Grains.Tickets.Events;

/// <summary>The ticket moved to <paramref name="TicketState"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record TicketStateChanged(TicketStatus TicketState) : IActorEvent;
