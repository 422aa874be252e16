using Actors.Grains;
using Actors.Grains.Tickets;
using Actors.Grains.Tickets.Commands;

namespace Actors.Client;

/// <summary>The ticket's commands on a batch: <c>ticket.Batch().Create(new CreateTicket("Printer", "high")).Assign("ada")</c>.</summary>
public static class TicketBatch
{
    /// <summary>Adds <c>create</c>: a new ticket, <c>open</c>.</summary>
    public static ActorBatch<ITicketActor> Create(this ActorBatch<ITicketActor> batch, CreateTicket command) =>
        batch.Add(ActorCommand.Create("create", command, GrainsJsonContext.Default.CreateTicket));

    /// <summary>Adds <c>setTicketState</c> (open, pending, solved, closed; closed is final).</summary>
    public static ActorBatch<ITicketActor> SetTicketState(this ActorBatch<ITicketActor> batch, string ticketState) =>
        batch.Add(ActorCommand.Create("setTicketState", new SetTicketState(ticketState), GrainsJsonContext.Default.SetTicketState));

    /// <summary>Adds <c>setPriority</c> (low, normal, high, urgent).</summary>
    public static ActorBatch<ITicketActor> SetPriority(this ActorBatch<ITicketActor> batch, string priority) =>
        batch.Add(ActorCommand.Create("setPriority", new SetTicketPriority(priority), GrainsJsonContext.Default.SetTicketPriority));

    /// <summary>Adds <c>assign</c>.</summary>
    public static ActorBatch<ITicketActor> Assign(this ActorBatch<ITicketActor> batch, string assignee) =>
        batch.Add(ActorCommand.Create("assign", new AssignTicket(assignee), GrainsJsonContext.Default.AssignTicket));

    /// <summary>Adds <c>addComment</c>; its author is the batch's principal.</summary>
    public static ActorBatch<ITicketActor> AddComment(this ActorBatch<ITicketActor> batch, string text) =>
        batch.Add(ActorCommand.Create("addComment", new AddComment(text), GrainsJsonContext.Default.AddComment));
}
