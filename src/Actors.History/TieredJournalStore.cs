using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;

namespace Actors.History;

/// <summary>
/// The journal as grains, the gateway and jobs read it: the hot journal, and below each actor's boundary the archive tier
/// (or <see cref="HistoryPrunedException"/> where history was pruned). Writes go to the hot journal unchanged. A read
/// first asks the hot journal; only when its answer could be missing sets below a boundary (a range that does not start
/// where it was asked to, nothing found for a point in the past) does it look the actor's boundary up, so reads of
/// actors never compacted cost what they did. A read the archive served marks the current <see cref="HistoryTier"/>
/// scope, so the answer can say so.
/// </summary>
public sealed partial class TieredJournalStore(IJournalStore hot, IHistoryStore history, HistoryArchive? archive = null) : IJournalStore
{
    /// <summary>The hot journal underneath.</summary>
    public IJournalStore Hot => hot;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => hot.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task<long> AppendAsync(AppendRequest request, CancellationToken cancellationToken) => hot.AppendAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<long> GetVersionAsync(ActorKey actor, CancellationToken cancellationToken) => hot.GetVersionAsync(actor, cancellationToken);

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyAsync(ActorKey actor, string key, CancellationToken cancellationToken) =>
        hot.FindIdempotencyAsync(actor, key, cancellationToken);

    /// <inheritdoc />
    public Task<bool> PingAsync(CancellationToken cancellationToken) => hot.PingAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListActorIdsAsync(string actorType, string? afterId, int limit, CancellationToken cancellationToken) =>
        // Every compacted actor keeps its boundary set in the hot journal, so the hot journal lists every actor.
        hot.ListActorIdsAsync(actorType, afterId, limit, cancellationToken);

    /// <inheritdoc />
    public Task AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken) => hot.AppendAuditAsync(record, cancellationToken);

    /// <inheritdoc />
    public Task<AuditPage> ReadAuditAsync(AuditQuery query, CancellationToken cancellationToken) => hot.ReadAuditAsync(query, cancellationToken);

    /// <inheritdoc />
    public async Task<HistoryStart?> GetHistoryStartAsync(ActorKey actor, CancellationToken cancellationToken)
    {
        if (await history.GetHistoryBoundaryAsync(actor, cancellationToken) is { } boundary)
        {
            return boundary.Start;
        }

        var first = await hot.ReadAsync(actor, 0, 1, 1, cancellationToken);
        return first.Count == 0 ? null : new HistoryStart(1, first[0].Timestamp, 1);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MutationSetRecord>> ReadAsync(ActorKey actor, long afterVersion, long toVersion, int limit, CancellationToken cancellationToken)
    {
        var sets = await hot.ReadAsync(actor, afterVersion, toVersion, limit, cancellationToken);
        return toVersion <= afterVersion || StartsWhereAsked(sets, afterVersion, toVersion == long.MaxValue)
            ? sets
            : await ReadAcrossBoundaryAsync(actor, afterVersion, toVersion, limit, sets, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MutationSetRecord>> ReadTailAsync(ActorKey actor, long afterVersion, CancellationToken cancellationToken)
    {
        var sets = await hot.ReadTailAsync(actor, afterVersion, cancellationToken);
        return StartsWhereAsked(sets, afterVersion, unbounded: true)
            ? sets
            : await ReadAcrossBoundaryAsync(actor, afterVersion, long.MaxValue, int.MaxValue, sets, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindCheckpointAsync(ActorKey actor, Guid checkpointId, CancellationToken cancellationToken)
    {
        if (await hot.FindCheckpointAsync(actor, checkpointId, cancellationToken) is { } found)
        {
            return found;
        }

        if (await history.GetHistoryBoundaryAsync(actor, cancellationToken) is not { } boundary)
        {
            return null;
        }

        if (boundary.HasArchive && (await ArchivedAsync(actor, boundary, cancellationToken)).Sets.FirstOrDefault(s => s.CheckpointId == checkpointId) is { } archived)
        {
            HistoryTier.MarkArchive();
            return archived;
        }

        // Checkpoint ids are UUIDv7: their first 48 bits are the millisecond they were made, never after their commit time.
        // One made before history starts may have been pruned; one made later would be in the hot journal or the archive.
        return boundary.HasPruned && CreatedAt(checkpointId) is { } created && created <= boundary.EarliestTimestamp
            ? throw Pruned(boundary)
            : null;
    }

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindAtOrBeforeAsync(ActorKey actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Commit times only grow per actor: the hot journal's answer, when it has one, is the newest overall.
        if (await hot.FindAtOrBeforeAsync(actor, at, cancellationToken) is { } found)
        {
            return found;
        }

        var truncated = Microseconds.Truncate(at);
        if (await history.GetHistoryBoundaryAsync(actor, cancellationToken) is not { } boundary || truncated < boundary.CreatedTimestamp)
        {
            return null;
        }

        if (truncated < boundary.EarliestTimestamp)
        {
            throw Pruned(boundary);
        }

        if (truncated >= boundary.BoundaryTimestamp)
        {
            // Compacted between the two reads: the hot journal has it now.
            return await hot.FindAtOrBeforeAsync(actor, at, cancellationToken);
        }

        HistoryTier.MarkArchive();
        return (await ArchivedAsync(actor, boundary, cancellationToken)).Sets.LastOrDefault(s => s.Timestamp <= truncated);
    }

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindAtOrBeforeGlobalVersionAsync(ActorKey actor, long globalVersion, CancellationToken cancellationToken)
    {
        if (await hot.FindAtOrBeforeGlobalVersionAsync(actor, globalVersion, cancellationToken) is { } found)
        {
            return found;
        }

        if (await history.GetHistoryBoundaryAsync(actor, cancellationToken) is not { } boundary || globalVersion < boundary.CreatedGlobalVersion)
        {
            return null;
        }

        if (globalVersion < boundary.EarliestGlobalVersion)
        {
            throw Pruned(boundary);
        }

        if (globalVersion >= boundary.BoundaryGlobalVersion)
        {
            return await hot.FindAtOrBeforeGlobalVersionAsync(actor, globalVersion, cancellationToken);
        }

        HistoryTier.MarkArchive();
        return (await ArchivedAsync(actor, boundary, cancellationToken)).Sets.LastOrDefault(s => s.GlobalVersion <= globalVersion);
    }

    /// <inheritdoc />
    public async Task<SnapshotRecord?> FindSnapshotAsync(ActorKey actor, long atOrBeforeVersion, CancellationToken cancellationToken)
    {
        var found = await hot.FindSnapshotAsync(actor, atOrBeforeVersion, cancellationToken);
        if (found is not null || atOrBeforeVersion < 1)
        {
            return found;
        }

        if (await history.GetHistoryBoundaryAsync(actor, cancellationToken) is not { } boundary)
        {
            return null;
        }

        if (atOrBeforeVersion >= boundary.BoundaryVersion)
        {
            return await hot.FindSnapshotAsync(actor, atOrBeforeVersion, cancellationToken);
        }

        if (atOrBeforeVersion < boundary.EarliestVersion)
        {
            throw Pruned(boundary);
        }

        HistoryTier.MarkArchive();
        return (await ArchivedAsync(actor, boundary, cancellationToken)).Snapshots.LastOrDefault(s => s.Version <= atOrBeforeVersion);
    }

    /// <inheritdoc />
    public async Task<RebuildSource> ReadForRebuildAsync(ActorKey actor, long upToVersion, CancellationToken cancellationToken)
    {
        var source = await hot.ReadForRebuildAsync(actor, upToVersion, cancellationToken);
        var complete = source.Snapshot is not null
            || (source.Sets.Count > 0 ? source.Sets[0].Version == 1 : upToVersion < 1 || upToVersion == long.MaxValue);
        if (complete || await history.GetHistoryBoundaryAsync(actor, cancellationToken) is not { } boundary)
        {
            return source;
        }

        if (upToVersion >= boundary.BoundaryVersion)
        {
            return await hot.ReadForRebuildAsync(actor, upToVersion, cancellationToken);
        }

        if (upToVersion < boundary.EarliestVersion)
        {
            throw Pruned(boundary);
        }

        var archived = await ArchivedAsync(actor, boundary, cancellationToken);
        var snapshot = archived.Snapshots.LastOrDefault(s => s.Version <= upToVersion);
        var from = snapshot?.Version ?? 1;
        var sets = archived.Sets.Where(s => s.Version >= from && s.Version <= upToVersion).ToList();
        if (sets.Count != upToVersion - from + 1)
        {
            throw new InvalidDataException($"The archive of {actor} lacks versions between {from} and {upToVersion}.");
        }

        HistoryTier.MarkArchive();
        return new RebuildSource(snapshot, sets);
    }

    /// <summary>A hot answer that starts right after <paramref name="afterVersion"/>, or is empty for an open range, is whole.</summary>
    private static bool StartsWhereAsked(IReadOnlyList<MutationSetRecord> sets, long afterVersion, bool unbounded) =>
        sets.Count > 0 ? sets[0].Version == afterVersion + 1 : unbounded;

    /// <summary>Sets after <paramref name="afterVersion"/>: from the archive below the boundary, then from the hot journal.</summary>
    private async Task<IReadOnlyList<MutationSetRecord>> ReadAcrossBoundaryAsync(
        ActorKey actor, long afterVersion, long toVersion, int limit, IReadOnlyList<MutationSetRecord> hotSets, CancellationToken cancellationToken)
    {
        if (await history.GetHistoryBoundaryAsync(actor, cancellationToken) is not { } boundary || afterVersion + 1 >= boundary.BoundaryVersion)
        {
            // Never compacted, or the range starts in the hot journal: an empty answer there means past the newest version.
            return hotSets;
        }

        if (afterVersion + 1 < boundary.EarliestVersion)
        {
            throw Pruned(boundary);
        }

        var below = Math.Min(toVersion, boundary.BoundaryVersion - 1);
        var archived = (await ArchivedAsync(actor, boundary, cancellationToken)).Sets
            .Where(s => s.Version > afterVersion && s.Version <= below)
            .Take(limit)
            .ToList();
        if (archived.Count != Math.Min(limit, below - afterVersion))
        {
            throw new InvalidDataException($"The archive of {actor} lacks versions between {afterVersion + 1} and {below}.");
        }

        HistoryTier.MarkArchive();
        if (archived.Count < limit && toVersion >= boundary.BoundaryVersion)
        {
            archived.AddRange(await hot.ReadAsync(actor, boundary.BoundaryVersion - 1, toVersion, limit - archived.Count, cancellationToken));
        }

        return archived;
    }

    /// <summary>The actor's archived sets (ascending, one per version) and snapshots, as the index points at them.</summary>
    private async Task<(IReadOnlyList<MutationSetRecord> Sets, IReadOnlyList<SnapshotRecord> Snapshots)> ArchivedAsync(
        ActorKey actor, HistoryBoundary boundary, CancellationToken cancellationToken)
    {
        if (archive is null)
        {
            throw new StorageUnavailableException(
                $"{actor} has archived history (versions {boundary.EarliestVersion} to {boundary.BoundaryVersion - 1}), but no archive directory is configured (Actors:History:ArchivePath).");
        }

        var sets = new SortedDictionary<long, MutationSetRecord>();
        var snapshots = new SortedDictionary<long, SnapshotRecord>();
        foreach (var entry in await history.ReadArchiveIndexAsync(actor, cancellationToken))
        {
            var rows = await archive.ReadAsync(entry, cancellationToken);
            // Two files holding one version (two jobs archived it at once) hold the same set: keep one.
            foreach (var set in rows.Sets)
            {
                sets.TryAdd(set.Set.Version, set.Set);
            }

            foreach (var snapshot in rows.Snapshots)
            {
                snapshots.TryAdd(snapshot.Version, snapshot);
            }
        }

        return ([.. sets.Values.Where(s => s.Version >= boundary.EarliestVersion && s.Version < boundary.BoundaryVersion)],
                [.. snapshots.Values.Where(s => s.Version >= boundary.EarliestVersion && s.Version < boundary.BoundaryVersion)]);
    }

    private static HistoryPrunedException Pruned(HistoryBoundary boundary) =>
        HistoryPrunedException.Of(boundary.Actor, boundary.EarliestVersion, boundary.EarliestTimestamp);

    /// <summary>When a UUIDv7 was made (its first 48 bits, milliseconds since the epoch); null for any other UUID.</summary>
    private static DateTimeOffset? CreatedAt(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        if (bytes[6] >> 4 != 7)
        {
            return null;
        }

        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
