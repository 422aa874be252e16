namespace Actors.Abstractions.Storage;

/// <summary>
/// The history lifecycle's primitives on the hot journal: each actor's boundary, compaction (which moves the boundary
/// forward and removes what is below it), the archive's index, and the expiry of idempotency records. Both stores
/// implement it and pass one conformance suite. Reads of history below a boundary are decided by the tiered journal
/// (archive or <see cref="Errors.HistoryPrunedException"/>); the hot reads of <see cref="IJournalStore"/> simply find
/// nothing there. Every method throws <see cref="Errors.StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IHistoryStore
{
    /// <summary>The actor's boundary, or null when it was never compacted.</summary>
    Task<HistoryBoundary?> GetHistoryBoundaryAsync(ActorKey actor, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> actor ids of <paramref name="actorType"/> after <paramref name="afterId"/> (ordinal)
    /// looked at, and among them those with a mutation set older than <paramref name="before"/> above their boundary:
    /// each with the version that becomes its boundary (its newest set older than <paramref name="before"/>).
    /// </summary>
    Task<CompactionCandidatePage> ListCompactionCandidatesAsync(
        string actorType, DateTimeOffset before, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// What compacting the actor to <paramref name="boundaryVersion"/> removes from the hot journal: its sets and
    /// snapshots with a version below it (as stored: event and metadata text is never re-encoded), each set with its
    /// position in the event feed.
    /// </summary>
    Task<ArchiveExport> ReadForArchiveAsync(ActorKey actor, long boundaryVersion, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: keeps (or writes) the snapshot at the new boundary, removes the sets and snapshots below it, and
    /// moves the actor's boundary there. The boundary only moves forward: a request at or below the current one changes
    /// nothing, so a compaction run again is a no-op. With <see cref="CompactionRequest.Archived"/> the archive index must
    /// already hold every removed version (else <see cref="InvalidOperationException"/>, nothing changed); without it the
    /// removed versions are pruned, and so is whatever the archive held of the actor. Answers the boundary now.
    /// </summary>
    Task<HistoryBoundary> CompactAsync(CompactionRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes at most <paramref name="limit"/> idempotency records created before <paramref name="createdBefore"/>; answers how many.</summary>
    Task<int> ExpireIdempotencyAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records an archive file (durable and verified) and the per-actor ranges it holds, in one transaction; recording the
    /// same file again changes nothing.
    /// </summary>
    Task RecordArchiveFileAsync(ArchiveFile file, IReadOnlyList<ArchiveIndexEntry> entries, CancellationToken cancellationToken);

    /// <summary>The archive ranges of one actor, oldest first.</summary>
    Task<IReadOnlyList<ArchiveIndexEntry>> ReadArchiveIndexAsync(ActorKey actor, CancellationToken cancellationToken);

    /// <summary>The recorded archive files (of one actor type, or all), oldest first.</summary>
    Task<IReadOnlyList<ArchiveFile>> ListArchiveFilesAsync(string? actorType, CancellationToken cancellationToken);

    /// <summary>
    /// Among the actors <paramref name="query"/> could reach (its actor type and id, its time window, after its cursor),
    /// the one whose pruned history the query reaches with the newest history start; null when the query reaches no
    /// pruned history.
    /// </summary>
    Task<HistoryBoundary?> FindPrunedInRangeAsync(EventQuery query, CancellationToken cancellationToken);

    /// <summary>Orders two event cursors this store handed out (<see cref="EventPageEntry.CursorAfter"/>, <see cref="ArchivedSet.Cursor"/>).</summary>
    int CompareEventCursors(string left, string right);
}
