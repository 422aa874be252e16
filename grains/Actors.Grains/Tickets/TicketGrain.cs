using Actors.Grains.Messages;
using Actors.Grains.Tickets.Commands;

namespace Actors.Grains.Tickets;

/// <summary>The ticket grain (grain type <c>ticket</c>): its typed calls are one-message batches decided by <see cref="TicketRules"/>.</summary>
[GrainType("ticket")]
public sealed class TicketGrain(ActorGrainServices services) : ActorGrain<TicketState>(TicketRules.Instance, services), ITicketActor
{
    /// <inheritdoc />
    public Task<CommandResult> CreateAsync(CreateTicket command, CancellationToken cancellationToken = default) =>
        CommandAsync("create", command, GrainsJsonContext.Default.CreateTicket, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetTicketStateAsync(SetTicketState command, CancellationToken cancellationToken = default) =>
        CommandAsync("setTicketState", command, GrainsJsonContext.Default.SetTicketState, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetPriorityAsync(SetTicketPriority command, CancellationToken cancellationToken = default) =>
        CommandAsync("setPriority", command, GrainsJsonContext.Default.SetTicketPriority, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> AssignAsync(AssignTicket command, CancellationToken cancellationToken = default) =>
        CommandAsync("assign", command, GrainsJsonContext.Default.AssignTicket, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> AddCommentAsync(AddComment command, CancellationToken cancellationToken = default) =>
        CommandAsync("addComment", command, GrainsJsonContext.Default.AddComment, cancellationToken);
}
