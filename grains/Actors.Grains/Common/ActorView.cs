namespace Actors.Grains;

/// <summary>
/// What a grain's log folds into: the actor's immutable state and the commit time of its newest checkpoint. The
/// envelope is what JournaledGrain mutates; the state inside it is replaced, never changed, so a copy of the
/// envelope is a snapshot in time.
/// </summary>
public sealed class ActorView<TState>
    where TState : EntityState
{
    /// <summary>The state; null before the actor was created.</summary>
    public TState? State { get; set; }

    /// <summary>When the newest checkpoint committed; new commit times never go below it.</summary>
    public DateTimeOffset LastTimestamp { get; set; }
}
