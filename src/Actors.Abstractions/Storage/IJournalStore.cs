using Actors.Abstractions.Errors;

namespace Actors.Abstractions.Storage;

/// <summary>
/// The journal of mutation sets, keyed (actor type, actor id, version). The unique key is the
/// optimistic-concurrency arbiter: two writers of the same version cannot both succeed.
/// Every method throws <see cref="StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IJournalStore
{
    /// <summary>Creates or migrates the schema. Safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits the mutation set, and the snapshot and idempotency record when given, in one transaction.
    /// Returns the global version the mutation set took.
    /// </summary>
    /// <exception cref="VersionConflictException">The version (or the idempotency key) is already taken for that actor; nothing was written.</exception>
    Task<long> AppendAsync(AppendRequest request, CancellationToken cancellationToken);

    /// <summary>The actor's newest version, 0 when it has none.</summary>
    Task<long> GetVersionAsync(ActorKey actor, CancellationToken cancellationToken);

    /// <summary>Mutation sets with <paramref name="afterVersion"/> &lt; version ≤ <paramref name="toVersion"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<MutationSetRecord>> ReadAsync(ActorKey actor, long afterVersion, long toVersion, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Every mutation set after <paramref name="afterVersion"/>, ascending: the catch-up read a silo sharing the journal makes
    /// before it answers from an activation. A store may serve many actors' catch-up reads in one query.
    /// </summary>
    Task<IReadOnlyList<MutationSetRecord>> ReadTailAsync(ActorKey actor, long afterVersion, CancellationToken cancellationToken) =>
        ReadAsync(actor, afterVersion, long.MaxValue, int.MaxValue, cancellationToken);

    /// <summary>The mutation set with that checkpoint id, or null.</summary>
    Task<MutationSetRecord?> FindCheckpointAsync(ActorKey actor, Guid checkpointId, CancellationToken cancellationToken);

    /// <summary>The newest mutation set committed at or before <paramref name="at"/>, or null.</summary>
    Task<MutationSetRecord?> FindAtOrBeforeAsync(ActorKey actor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The newest snapshot with version ≤ <paramref name="atOrBeforeVersion"/>, or null.</summary>
    Task<SnapshotRecord?> FindSnapshotAsync(ActorKey actor, long atOrBeforeVersion, CancellationToken cancellationToken);

    /// <summary>
    /// The newest snapshot at or before <paramref name="upToVersion"/> and the mutation sets from its version to
    /// <paramref name="upToVersion"/> (see <see cref="RebuildSource"/>): an activation or a past state in one call, which a
    /// store may answer in one query.
    /// </summary>
    async Task<RebuildSource> ReadForRebuildAsync(ActorKey actor, long upToVersion, CancellationToken cancellationToken)
    {
        var snapshot = await FindSnapshotAsync(actor, upToVersion, cancellationToken);
        var from = snapshot?.Version ?? 1;
        return new RebuildSource(snapshot, await ReadAsync(actor, from - 1, upToVersion, int.MaxValue, cancellationToken));
    }

    /// <summary>
    /// Where the actor's readable history starts (<c>earliestVersion</c>, <c>earliestTimestamp</c>); null when it has no
    /// version. A journal that keeps every set starts at version 1; the tiered journal says where compaction left it.
    /// </summary>
    async Task<HistoryStart?> GetHistoryStartAsync(ActorKey actor, CancellationToken cancellationToken)
    {
        var first = await ReadAsync(actor, 0, 1, 1, cancellationToken);
        return first.Count == 0 ? null : new HistoryStart(1, first[0].Timestamp, 1);
    }

    /// <summary>The record stored with an earlier batch that used <paramref name="key"/>, or null.</summary>
    Task<IdempotencyRecord?> FindIdempotencyAsync(ActorKey actor, string key, CancellationToken cancellationToken);

    /// <summary>True when the store answers a trivial query; never throws.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    /// <summary>The global version of the newest mutation set (committed at or before <paramref name="atOrBefore"/> when given); null when there is none.</summary>
    Task<long?> GetGlobalVersionAsync(DateTimeOffset? atOrBefore, CancellationToken cancellationToken);

    /// <summary>The actor's newest mutation set whose global version is ≤ <paramref name="globalVersion"/>, or null.</summary>
    Task<MutationSetRecord?> FindAtOrBeforeGlobalVersionAsync(ActorKey actor, long globalVersion, CancellationToken cancellationToken);

    /// <summary>Ids of actors of <paramref name="actorType"/> that have a mutation set, ascending (ordinal), after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<string>> ListActorIdsAsync(string actorType, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Mutation sets across actors matching <paramref name="query"/>, at most <see cref="EventQuery.Limit"/>, in a stable order.</summary>
    Task<EventPage> ReadEventsAsync(EventQuery query, CancellationToken cancellationToken);

    /// <summary>Writes an audit entry on its own (previews, snapshots, exports: nothing else is committed with them).</summary>
    Task AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>A page of the audit log, oldest first.</summary>
    Task<AuditPage> ReadAuditAsync(AuditQuery query, CancellationToken cancellationToken);
}
