namespace Actors.Grains;

/// <summary>Settings of the actor grains, bound from <c>Actors:Grains</c>.</summary>
public sealed class ActorGrainOptions
{
    /// <summary>
    /// How often a batch is decided again on the newest state after another writer took its version first (a second
    /// activation during a membership change). After that the batch is refused with a retryable 503; nothing was written.
    /// </summary>
    public int MaxConflictRetries { get; set; } = 5;
}
