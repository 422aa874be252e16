namespace Actors.Grains;

/// <summary>
/// What a command is decided against: the actor's id, its state with the batch's earlier events applied, and who sent
/// it when. Raising an event applies it at once, so the next rule (and the next message of the batch) sees it. Nothing
/// here persists: the grain appends the events only when the whole batch has been decided.
/// </summary>
public sealed class CommandTurn<TState>(ActorRules<TState> rules, string id, TState? state, CommandContext context)
    where TState : EntityState
{
    private readonly List<IActorEvent> _events = [];

    /// <summary>The actor's id.</summary>
    public string Id { get; } = id;

    /// <summary>The state so far; null before <c>create</c>.</summary>
    public TState? State { get; private set; } = state;

    /// <summary>Who sent the batch, and when.</summary>
    public CommandContext Context { get; } = context;

    /// <summary>The events raised so far, in order.</summary>
    public IReadOnlyList<IActorEvent> Events => _events;

    /// <summary>Applies <paramref name="e"/> to <see cref="State"/> and keeps it for the batch's mutation set.</summary>
    public void Raise(IActorEvent e)
    {
        State = rules.Transition(State, e);
        _events.Add(e);
    }
}
