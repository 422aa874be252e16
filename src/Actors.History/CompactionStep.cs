namespace Actors.History;

/// <summary>
/// The steps of a compaction that archives, in order. A set leaves the hot journal only at <see cref="Compacted"/>, after
/// its file was written, flushed, renamed, read back, listed and recorded; a job stopped after any step and run again
/// loses nothing and duplicates nothing (tests stop it after each).
/// </summary>
public enum CompactionStep
{
    /// <summary>The file is written under a temporary name and flushed to disk.</summary>
    Written,

    /// <summary>The file has its final name, and its directory is flushed.</summary>
    Renamed,

    /// <summary>The file was read back and holds exactly what was meant.</summary>
    Verified,

    /// <summary>The file is in its actor type's manifest.</summary>
    Listed,

    /// <summary>The file and the actors' ranges in it are in the database's archive index.</summary>
    Recorded,

    /// <summary>An actor's boundary moved: what is below it left the hot journal.</summary>
    Compacted,
}
