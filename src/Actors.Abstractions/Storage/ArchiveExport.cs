namespace Actors.Abstractions.Storage;

/// <summary>What a compaction removes from the hot journal, to be archived first: sets and snapshots, ascending.</summary>
public sealed record ArchiveExport(IReadOnlyList<ArchivedSet> Sets, IReadOnlyList<SnapshotRecord> Snapshots);

/// <summary>A mutation set as the archive keeps it: as stored, with its position in the event feed (a store cursor).</summary>
public sealed record ArchivedSet(MutationSetRecord Set, string Cursor);
