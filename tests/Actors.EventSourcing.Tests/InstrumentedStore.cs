using System.Collections.Concurrent;
using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.EventSourcing.Tests;

/// <summary>
/// The silo's journal store: a real store, wrapped to count the work done for each actor and to step in around appends.
/// While <see cref="Unreachable"/> is set every call goes to that store instead, which fails the way the real one fails
/// when it cannot reach its journal.
/// </summary>
public sealed class InstrumentedStore(IJournalStore inner) : IJournalStore
{
    private readonly ConcurrentDictionary<ActorKey, Counters> _counters = new();

    /// <summary>A store of the same kind that cannot reach its journal; while set, it serves every call (an outage).</summary>
    public IJournalStore? Unreachable { get; set; }

    /// <summary>Runs after an append committed; may throw, to lose the answer of a write that did commit.</summary>
    public Func<AppendRequest, Task>? AfterAppend { get; set; }

    private IJournalStore Store => Unreachable ?? inner;

    /// <summary>The work done for <paramref name="actor"/> so far; subtract an earlier figure to get the work in between.</summary>
    public JournalWork WorkOn(ActorKey actor)
    {
        var counters = CountersOf(actor);
        return new JournalWork(Interlocked.Read(ref counters.Rows), Interlocked.Read(ref counters.Reads), Interlocked.Read(ref counters.Appends));
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Store.InitializeAsync(cancellationToken);

    public async Task<long> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref CountersOf(request.MutationSet.Actor).Appends);
        var global = await Store.AppendAsync(request, cancellationToken);
        if (AfterAppend is { } after)
        {
            await after(request);
        }

        return global;
    }

    public Task<long> GetVersionAsync(ActorKey actor, CancellationToken cancellationToken) => Store.GetVersionAsync(actor, cancellationToken);

    public async Task<IReadOnlyList<MutationSetRecord>> ReadAsync(ActorKey actor, long afterVersion, long toVersion, int limit, CancellationToken cancellationToken) =>
        Counted(actor, await Store.ReadAsync(actor, afterVersion, toVersion, limit, cancellationToken));

    // The real store's own catch-up and rebuild reads (PostgreSQL answers each in one query), not the interface's defaults.
    public async Task<IReadOnlyList<MutationSetRecord>> ReadTailAsync(ActorKey actor, long afterVersion, CancellationToken cancellationToken) =>
        Counted(actor, await Store.ReadTailAsync(actor, afterVersion, cancellationToken));

    public async Task<RebuildSource> ReadForRebuildAsync(ActorKey actor, long upToVersion, CancellationToken cancellationToken)
    {
        var source = await Store.ReadForRebuildAsync(actor, upToVersion, cancellationToken);
        Counted(actor, source.Sets, source.Snapshot is null ? 0 : 1);
        return source;
    }

    public Task<MutationSetRecord?> FindCheckpointAsync(ActorKey actor, Guid checkpointId, CancellationToken cancellationToken) =>
        Store.FindCheckpointAsync(actor, checkpointId, cancellationToken);

    public Task<MutationSetRecord?> FindAtOrBeforeAsync(ActorKey actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        Store.FindAtOrBeforeAsync(actor, at, cancellationToken);

    public async Task<SnapshotRecord?> FindSnapshotAsync(ActorKey actor, long atOrBeforeVersion, CancellationToken cancellationToken)
    {
        var snapshot = await Store.FindSnapshotAsync(actor, atOrBeforeVersion, cancellationToken);
        Counted(actor, [], snapshot is null ? 0 : 1);
        return snapshot;
    }

    public Task<IdempotencyRecord?> FindIdempotencyAsync(ActorKey actor, string key, CancellationToken cancellationToken) =>
        Store.FindIdempotencyAsync(actor, key, cancellationToken);

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Store.PingAsync(cancellationToken);

    public Task<long?> GetGlobalVersionAsync(DateTimeOffset? atOrBefore, CancellationToken cancellationToken) =>
        Store.GetGlobalVersionAsync(atOrBefore, cancellationToken);

    public Task<MutationSetRecord?> FindAtOrBeforeGlobalVersionAsync(ActorKey actor, long globalVersion, CancellationToken cancellationToken) =>
        Store.FindAtOrBeforeGlobalVersionAsync(actor, globalVersion, cancellationToken);

    public Task<IReadOnlyList<string>> ListActorIdsAsync(string actorType, string? afterId, int limit, CancellationToken cancellationToken) =>
        Store.ListActorIdsAsync(actorType, afterId, limit, cancellationToken);

    public Task<EventPage> ReadEventsAsync(EventQuery query, CancellationToken cancellationToken) => Store.ReadEventsAsync(query, cancellationToken);

    public Task AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken) => Store.AppendAuditAsync(record, cancellationToken);

    public Task<AuditPage> ReadAuditAsync(AuditQuery query, CancellationToken cancellationToken) => Store.ReadAuditAsync(query, cancellationToken);

    private IReadOnlyList<MutationSetRecord> Counted(ActorKey actor, IReadOnlyList<MutationSetRecord> sets, int snapshots = 0)
    {
        var counters = CountersOf(actor);
        Interlocked.Add(ref counters.Rows, sets.Count + snapshots);
        Interlocked.Increment(ref counters.Reads);
        return sets;
    }

    private Counters CountersOf(ActorKey actor) => _counters.GetOrAdd(actor, _ => new Counters());

    private sealed class Counters
    {
        public long Rows;
        public long Reads;
        public long Appends;
    }
}
