using Actors.Abstractions.Errors;
using Actors.Grains.Tickets.Commands;
using Actors.Grains.Tickets.Events;
using Actors.Grains;
using Actors.Abstractions;

namespace Actors.Grains.Tickets;

/// <summary>A support ticket. Its state may change freely among open, pending and solved; closed is final.</summary>
public sealed class TicketRules : ActorRules<TicketState>
{
    private TicketRules()
    {
    }

    /// <summary>The one instance: rules hold no state.</summary>
    public static TicketRules Instance { get; } = new();

    /// <inheritdoc />
    public override ActorTypeDescriptor Type => ActorTypes.Ticket;


    /// <inheritdoc />
    public override void Decide(CommandTurn<TicketState> turn, string type, object command) => new Decision(turn).Handle(type, command);


    public override TicketState Apply(TicketState? state, IActorEvent e) => e switch
    {
        TicketCreated c => new TicketState { TicketId = c.TicketId, Status = TicketStatus.Open, Title = c.Title, Priority = c.Priority },
        TicketStateChanged c => state! with { Status = c.TicketState },
        TicketPriorityChanged c => state! with { Priority = c.Priority },
        TicketAssigned a => state! with { Assignee = a.Assignee },
        CommentAdded a => state! with { Comments = state.Comments.Add(new Comment(a.CommentId, a.Text, a.Author, a.CreatedAt)) },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    /// <summary>One command's decision: validates it against the state so far and raises its events.</summary>
    private sealed class Decision(CommandTurn<TicketState> turn)
    {
        private TicketState Current => turn.State!;

        /// <inheritdoc />
        public void Handle(string type, object body)
        {
            switch (body)
            {
                case CreateTicket c:
                    var title = Validate.Required(c.Title, "title");
                    var priority = c.Priority is null ? TicketPriority.Normal : ParsePriority(c.Priority);
                    turn.Raise(new TicketCreated(turn.Id, title, priority));
                    break;
                case SetTicketState c:
                    SetTicketState(WireEnum.Parse(c.TicketState, "ticketState", GrainsJsonContext.Default.TicketStatus));
                    break;
                case SetTicketPriority c:
                    var newPriority = ParsePriority(c.Priority);
                    EnsureNotClosed(type);
                    turn.Raise(new TicketPriorityChanged(newPriority));
                    break;
                case AssignTicket c:
                    var assignee = Validate.Required(c.Assignee, "assignee");
                    EnsureNotClosed(type);
                    turn.Raise(new TicketAssigned(assignee));
                    break;
                case AddComment c:
                    var text = Validate.Required(c.Text, "text");
                    EnsureNotClosed(type);
                    turn.Raise(new CommentAdded(CommandContext.NewId(), text, turn.Context.Principal, Timestamps.Format(turn.Context.Now)));
                    break;
                default:
                    throw new InvalidOperationException($"The ticket actor has no handler for '{type}'.");
            }
        }

        private void SetTicketState(TicketStatus target)
        {
            var from = Current.Status;
            if (from == target)
            {
                throw ActorException.Rule($"Field 'ticketState' is already '{Name(from)}'; setTicketState must change it.");
            }

            EnsureNotClosed("setTicketState");
            turn.Raise(new TicketStateChanged(target));
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
}
