using Actors.Abstractions.Errors;
using Actors.Grains.Tickets.Commands;
using Actors.Grains.Tickets.Events;
using Actors.Runtime.Entities;
using Actors.Runtime.Journaling;

namespace Actors.Grains.Tickets;

/// <summary>A support ticket. Its state may change freely among open, pending and solved; closed is final.</summary>
public sealed class TicketActor : EntityActor<TicketState>, ITicketActor
{
    public static readonly ActorTypeDescriptor Type = ActorTypeDescriptor
        .For("ticket", "Ticket", "ticketId", GrainsJsonContext.Default.TicketState, () => new TicketActor())
        .Command("create", GrainsJsonContext.Default.CreateTicket)
        .Command("setTicketState", GrainsJsonContext.Default.SetTicketState)
        .Command("setPriority", GrainsJsonContext.Default.SetTicketPriority)
        .Command("assign", GrainsJsonContext.Default.AssignTicket)
        .Command("addComment", GrainsJsonContext.Default.AddComment)
        .Event("Created", GrainsJsonContext.Default.TicketCreated)
        .Event("StateChanged", GrainsJsonContext.Default.TicketStateChanged)
        .Event("PriorityChanged", GrainsJsonContext.Default.TicketPriorityChanged)
        .Event("Assigned", GrainsJsonContext.Default.TicketAssigned)
        .Event("CommentAdded", GrainsJsonContext.Default.CommentAdded)
        .Edge("comments", GrainsJsonContext.Default.Comment)
        .Build();

    /// <inheritdoc />
    protected override ActorTypeDescriptor Descriptor => Type;

    /// <summary>The ticket with this batch's earlier events applied; never null past <c>create</c>.</summary>
    private TicketState Current => TentativeState!;

    /// <inheritdoc />
    protected override void HandleCommand(string type, object body, CommandContext context)
    {
        switch (body)
        {
            case CreateTicket c:
                var title = Required(c.Title, "title");
                var priority = c.Priority is null ? TicketPriority.Normal : ParsePriority(c.Priority);
                RaiseEvent(new TicketCreated(Key.Id, title, priority));
                break;
            case SetTicketState c:
                SetTicketState(WireEnum.Parse(c.TicketState, "ticketState", GrainsJsonContext.Default.TicketStatus));
                break;
            case SetTicketPriority c:
                var newPriority = ParsePriority(c.Priority);
                EnsureNotClosed(type);
                RaiseEvent(new TicketPriorityChanged(newPriority));
                break;
            case AssignTicket c:
                var assignee = Required(c.Assignee, "assignee");
                EnsureNotClosed(type);
                RaiseEvent(new TicketAssigned(assignee));
                break;
            case AddComment c:
                var text = Required(c.Text, "text");
                EnsureNotClosed(type);
                RaiseEvent(new CommentAdded(CommandContext.NewId(), text, context.Principal, Timestamps.Format(context.Now)));
                break;
            default:
                throw new InvalidOperationException($"The ticket actor has no handler for '{type}'.");
        }
    }

    /// <inheritdoc />
    protected override TicketState ApplyEvent(TicketState? state, IActorEvent e) => e switch
    {
        TicketCreated c => new TicketState { TicketId = c.TicketId, Status = TicketStatus.Open, Title = c.Title, Priority = c.Priority },
        TicketStateChanged c => state! with { Status = c.TicketState },
        TicketPriorityChanged c => state! with { Priority = c.Priority },
        TicketAssigned a => state! with { Assignee = a.Assignee },
        CommentAdded a => state! with { Comments = state.Comments.Add(new Comment(a.CommentId, a.Text, a.Author, a.CreatedAt)) },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    private void SetTicketState(TicketStatus target)
    {
        var from = Current.Status;
        if (from == target)
        {
            throw ActorException.Rule($"Field 'ticketState' is already '{Name(from)}'; setTicketState must change it.");
        }

        EnsureNotClosed("setTicketState");
        RaiseEvent(new TicketStateChanged(target));
    }

    private void EnsureNotClosed(string command)
    {
        if (Current.Status == TicketStatus.Closed)
        {
            throw ActorException.Rule($"{command} is refused: field 'ticketState' is 'closed', which is final.");
        }
    }

    private static TicketPriority ParsePriority(string? value) =>
        WireEnum.Parse(value, "priority", GrainsJsonContext.Default.TicketPriority);

    private static string Name(TicketStatus value) => WireEnum.Name(value, GrainsJsonContext.Default.TicketStatus);
}
