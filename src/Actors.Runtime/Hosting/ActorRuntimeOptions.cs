namespace Actors.Runtime.Hosting;

/// <summary>Settings of the actor runtime, bound from <c>Actors:Runtime</c>.</summary>
public sealed class ActorRuntimeOptions
{
    /// <summary>An activation unused for this long is deactivated (its memory freed; state stays in the journal).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A state snapshot is written with every N-th mutation set, so rebuilding any checkpoint replays fewer than N.</summary>
    public int SnapshotInterval { get; set; } = 64;

    /// <summary>How often a turn is retried after another writer (another silo) took its version first.</summary>
    public int MaxConflictRetries { get; set; } = 5;
}
