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

    /// <summary>
    /// Before each turn, read the actor's newest version from the journal (one index seek) and catch up when another
    /// silo wrote since: then a read through any silo reflects every write acknowledged before it began. The silo
    /// turns this on with PostgreSQL, where several silos may share the journal; a single process on the embedded
    /// store does not need it.
    /// </summary>
    public bool VerifyHeadBeforeTurn { get; set; }

    /// <summary>How often a turn is retried after another writer (another silo) took its version first.</summary>
    public int MaxConflictRetries { get; set; } = 5;
}
