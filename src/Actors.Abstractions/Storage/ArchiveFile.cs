namespace Actors.Abstractions.Storage;

/// <summary>One immutable archive file, as the database records it once it is durable and verified.</summary>
/// <param name="Path">Relative to the archive directory: <c>order/2026-08/&lt;name&gt;.parquet</c>.</param>
/// <param name="ActorType">The actor type of every row.</param>
/// <param name="Period">The month of the commit times it holds (<c>yyyy-MM</c>).</param>
/// <param name="Sets">How many mutation sets it holds.</param>
/// <param name="Snapshots">How many snapshots it holds.</param>
/// <param name="MinTimestamp">The oldest commit time among its sets.</param>
/// <param name="MaxTimestamp">The newest commit time among its sets.</param>
/// <param name="MaxGlobalVersion">The highest global version among its sets.</param>
/// <param name="MaxCursor">The event-feed position of its last set.</param>
/// <param name="Sha256">The file's SHA-256, hex.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record ArchiveFile(
    string Path,
    string ActorType,
    string Period,
    int Sets,
    int Snapshots,
    DateTimeOffset MinTimestamp,
    DateTimeOffset MaxTimestamp,
    long MaxGlobalVersion,
    string MaxCursor,
    string Sha256,
    DateTimeOffset CreatedAt);

/// <summary>The versions of one actor an archive file holds, and where in it: one row group per actor.</summary>
public sealed record ArchiveIndexEntry(ActorKey Actor, long FromVersion, long ToVersion, string File, int RowGroup);
