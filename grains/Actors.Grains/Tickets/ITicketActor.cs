using Actors.Abstractions;

namespace Actors.Grains.Tickets;

/// <summary>A support ticket: state, priority, assignee and comments.</summary>
public interface ITicketActor : IEntityActor;
