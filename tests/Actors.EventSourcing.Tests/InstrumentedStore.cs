using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.Runtime.Tests;

/// <summary>Wraps a real store to count what is read and to step in around appends.</summary>
public sealed class InstrumentedStore(IJournalStore inner) : IJournalStore
{
    private long _rowsRead;
    private long _rangeReads;

    /// <summary>Mutation sets and snapshots read so far.</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>Calls of <see cref="ReadAsync"/> (tail and range reads), since the last reset.</summary>
    public long RangeReads => Interlocked.Read(ref _rangeReads);

    /// <summary>Runs before each append reaches the store.</summary>
    public Func<AppendRequest, Task>? BeforeAppend { get; set; }

    /// <summary>Runs after each append committed; may throw to lose the answer.</summary>
    public Func<AppendRequest, Task>? AfterAppend { get; set; }

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _rowsRead, 0);
        Interlocked.Exchange(ref _rangeReads, 0);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public async Task<long> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        if (BeforeAppend is { } before)
        {
            await before(request);
        }

        var global = await inner.AppendAsync(request, cancellationToken);
        if (AfterAppend is { } after)
        {
            await after(request);
        }

        return global;
    }

    public Task<long> GetVersionAsync(ActorKey actor, CancellationToken cancellationToken) => inner.GetVersionAsync(actor, cancellationToken);

    public async Task<IReadOnlyList<MutationSetRecord>> ReadAsync(ActorKey actor, long afterVersion, long toVersion, int limit, CancellationToken cancellationToken)
    {
        var sets = await inner.ReadAsync(actor, afterVersion, toVersion, limit, cancellationToken);
        Interlocked.Add(ref _rowsRead, sets.Count);
        Interlocked.Increment(ref _rangeReads);
        return sets;
    }

    public Task<MutationSetRecord?> FindCheckpointAsync(ActorKey actor, Guid checkpointId, CancellationToken cancellationToken) =>
        Count(inner.FindCheckpointAsync(actor, checkpointId, cancellationToken));

    public Task<MutationSetRecord?> FindAtOrBeforeAsync(ActorKey actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        Count(inner.FindAtOrBeforeAsync(actor, at, cancellationToken));

    public Task<SnapshotRecord?> FindSnapshotAsync(ActorKey actor, long atOrBeforeVersion, CancellationToken cancellationToken) =>
        Count(inner.FindSnapshotAsync(actor, atOrBeforeVersion, cancellationToken));

    public Task<IdempotencyRecord?> FindIdempotencyAsync(ActorKey actor, string key, CancellationToken cancellationToken) =>
        inner.FindIdempotencyAsync(actor, key, cancellationToken);

    public Task<bool> PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public Task<long?> GetGlobalVersionAsync(DateTimeOffset? atOrBefore, CancellationToken cancellationToken) =>
        inner.GetGlobalVersionAsync(atOrBefore, cancellationToken);

    public Task<MutationSetRecord?> FindAtOrBeforeGlobalVersionAsync(ActorKey actor, long globalVersion, CancellationToken cancellationToken) =>
        Count(inner.FindAtOrBeforeGlobalVersionAsync(actor, globalVersion, cancellationToken));

    public Task<IReadOnlyList<string>> ListActorIdsAsync(string actorType, string? afterId, int limit, CancellationToken cancellationToken) =>
        inner.ListActorIdsAsync(actorType, afterId, limit, cancellationToken);

    public Task<EventPage> ReadEventsAsync(EventQuery query, CancellationToken cancellationToken) => inner.ReadEventsAsync(query, cancellationToken);

    public Task AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken) => inner.AppendAuditAsync(record, cancellationToken);

    public Task<AuditPage> ReadAuditAsync(AuditQuery query, CancellationToken cancellationToken) => inner.ReadAuditAsync(query, cancellationToken);

    private async Task<T?> Count<T>(Task<T?> read)
        where T : class
    {
        var found = await read;
        if (found is not null)
        {
            Interlocked.Increment(ref _rowsRead);
        }

        return found;
    }
}
