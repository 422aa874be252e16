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
    /// Make sure each answer starts from the actor's newest version in the journal, which another silo may have moved:
    /// a turn that appends is checked by its append (a stale version conflicts, the tail is read and the turn runs
    /// again); a turn that does not append (a read, a refusal, a preview) reads the tail (one index seek) and, when it
    /// moved, runs again. Then a read through any silo reflects every write acknowledged before it began. The silo
    /// turns this on with PostgreSQL, where several silos may share the journal; a single process on the embedded
    /// store does not need it.
    /// </summary>
    public bool VerifyHeadBeforeTurn { get; set; }

    /// <summary>How often a turn is retried after another writer (another silo) took its version first.</summary>
    public int MaxConflictRetries { get; set; } = 5;
}
