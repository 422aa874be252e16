using Actors.Grains.Messages;
using Actors.Grains.Tickets.Commands;

namespace Actors.Grains.Tickets;

/// <summary>A support ticket (grain type <c>ticket</c>) with comments.</summary>
public interface ITicketActor : IActorGrain<TicketState>
{
    /// <summary><c>create</c>: a new ticket, open.</summary>
    Task<CommandResult> CreateAsync(CreateTicket command, CancellationToken cancellationToken = default);

    /// <summary><c>setTicketState</c>: open, pending, solved, closed.</summary>
    Task<CommandResult> SetTicketStateAsync(SetTicketState command, CancellationToken cancellationToken = default);

    /// <summary><c>setPriority</c>: low, normal, high, urgent.</summary>
    Task<CommandResult> SetPriorityAsync(SetTicketPriority command, CancellationToken cancellationToken = default);

    /// <summary><c>assign</c> the ticket to someone.</summary>
    Task<CommandResult> AssignAsync(AssignTicket command, CancellationToken cancellationToken = default);

    /// <summary><c>addComment</c>: the comment's author is the caller's principal.</summary>
    Task<CommandResult> AddCommentAsync(AddComment command, CancellationToken cancellationToken = default);
}
