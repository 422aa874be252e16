using Actors.Abstractions.Messages;
using Actors.Grains.Messages;

namespace Actors.Grains;

/// <summary>The calls of an actor type whose state is <typeparamref name="TState"/>.</summary>
public interface IActorGrain<TState> : IActorGrain
    where TState : EntityState
{
    /// <summary>The current state, or null when the actor was never created.</summary>
    Task<TState?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The state as it was at a checkpoint, version or time; null before the actor existed.</summary>
    Task<TState?> GetStateAsync(StatePointBody point, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="messages"/> in preview mode: on an isolated copy, later messages seeing earlier ones, and
    /// nothing persisted or seen by any other caller. Answers each message's result, the would-be state and version,
    /// and the changes the batch would make.
    /// </summary>
    Task<PreviewResult<TState>> PreviewAsync(IReadOnlyList<ActorMessage> messages, CancellationToken cancellationToken = default);
}
