using System.Diagnostics;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Orleans.EventSourcing;

namespace Actors.EventSourcing;

/// <summary>
/// One grain's view of its log in the journal. Unlike Orleans' built-in adaptors it never retries a write in the
/// background: an append either commits before the call returns, or fails the call (a lost race returns false; an
/// outage throws <see cref="StorageUnavailableException"/>), so a write the caller was told failed is never written
/// later by a retry. An entry is applied to a copy of the view before it is written, so an entry that cannot be
/// applied is never persisted. After a failed append the journal is read again before the next one, because a
/// connection that broke during COMMIT leaves the outcome known only to the journal.
/// </summary>
internal sealed class JournalLogViewAdaptor<TView, TEntry> : ILogViewAdaptor<TView, TEntry>
    where TView : class, new()
    where TEntry : class
{
    private readonly ILogViewAdaptorHost<TView, TEntry> _host;
    private readonly IJournalFormat<TView, TEntry> _format;
    private readonly IJournalStore _store;
    private readonly JournalOptions _options;
    private readonly TimeProvider _time;
    private readonly List<TEntry> _submitted = [];
    private readonly KeyValuePair<string, object?> _typeTag;
    private TView _confirmed;
    private TView? _tentative;
    private int _version;
    private bool _loaded;
    private bool _inDoubt;

    public JournalLogViewAdaptor(
        ILogViewAdaptorHost<TView, TEntry> host,
        IJournalFormat<TView, TEntry> format,
        TView initialState,
        ActorKey actor,
        IJournalStore store,
        JournalOptions options,
        TimeProvider time)
    {
        _host = host;
        _format = format;
        _confirmed = initialState;
        Actor = actor;
        _store = store;
        _options = options;
        _time = time;
        _typeTag = new(ActorsTelemetry.Tags.ActorType, actor.Type);
    }

    /// <summary>Whose log this is.</summary>
    public ActorKey Actor { get; }

    public TView ConfirmedView => _confirmed;

    public int ConfirmedVersion => _version;

    public TView TentativeView => _submitted.Count == 0 ? _confirmed : _tentative ??= Tentative();

    public IEnumerable<TEntry> UnconfirmedSuffix => _submitted;

    public Task PreOnActivate() => Task.CompletedTask;

    public Task PostOnActivate() => Task.CompletedTask;

    public Task PostOnDeactivate() => Task.CompletedTask;

    /// <summary>Loads the view on first use (snapshot and tail, one read), later applies what others appended since; then confirms submitted entries.</summary>
    public async Task Synchronize()
    {
        await CatchUpAsync();
        await ConfirmSubmittedEntries();
    }

    public async Task<bool> TryAppend(TEntry entry) => (await AppendAsync(entry)).Appended;

    public Task<bool> TryAppendRange(IEnumerable<TEntry> entries)
    {
        var list = entries.ToList();
        return list.Count switch
        {
            0 => Task.FromResult(true),
            1 => TryAppend(list[0]),

            // The journal commits one mutation set per row and per transaction; two rows that must commit together would
            // need a transaction across versions, which no store offers. Make the batch one entry instead.
            _ => throw new NotSupportedException("The journal appends one log entry (one mutation set) at a time; raise one entry that holds the whole batch."),
        };
    }

    /// <summary>
    /// Queues <paramref name="entry"/> after applying it to the tentative view. An entry that cannot be applied is refused
    /// here, out of <c>RaiseEvent</c>, and not queued: left in the queue it would fail whichever later call confirms it.
    /// </summary>
    public void Submit(TEntry entry)
    {
        var tentative = _tentative ?? Tentative();
        try
        {
            _host.UpdateView(tentative, entry);
        }
        catch
        {
            // It may be half-applied; the next read rebuilds it from the confirmed view and the queue.
            _tentative = null;
            throw;
        }

        _tentative = tentative;
        _submitted.Add(entry);
        _host.OnViewChanged(tentative: true, confirmed: false);
    }

    public void SubmitRange(IEnumerable<TEntry> entries)
    {
        foreach (var entry in entries)
        {
            Submit(entry);
        }
    }

    /// <summary>
    /// Appends the submitted entries in order. Each is conditional on the version it was raised on: when another writer
    /// got there first the remaining entries are dropped and <see cref="VersionConflictException"/> is thrown, because
    /// appending them on top of the other writer's entries would skip the validation they were raised after.
    /// </summary>
    public async Task ConfirmSubmittedEntries()
    {
        while (_submitted.Count > 0)
        {
            var entry = _submitted[0];
            (bool Appended, long Version) outcome;
            try
            {
                outcome = await AppendAsync(entry);
            }
            catch
            {
                Drop();
                throw;
            }

            if (!outcome.Appended)
            {
                // The version the entry tried to take and another writer holds; the view has caught up past it since.
                Drop();
                throw new VersionConflictException(Actor, outcome.Version);
            }

            _submitted.RemoveAt(0);
            _tentative = null;
        }
    }

    /// <summary>Entries <paramref name="fromVersion"/> (exclusive) to <paramref name="toVersion"/> (inclusive), read from the journal.</summary>
    public async Task<IReadOnlyList<TEntry>> RetrieveLogSegment(int fromVersion, int toVersion)
    {
        var sets = await _store.ReadAsync(Actor, fromVersion, toVersion, int.MaxValue, CancellationToken.None);
        return [.. sets.Select(_format.FromJournal)];
    }

    public Task ClearLogAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("The journal is append-only: history is never removed by a grain. Rewind to an earlier checkpoint instead.");

    public void EnableStatsCollection()
    {
    }

    public void DisableStatsCollection()
    {
    }

    public LogConsistencyStatistics GetStats() => new();

    /// <summary>Appends one entry as the next version: whether it was appended (false: another writer took it), and the version it tried.</summary>
    private async Task<(bool Appended, long Version)> AppendAsync(TEntry entry)
    {
        if (_inDoubt || !_loaded)
        {
            await CatchUpAsync();
        }

        var version = _version + 1;
        var next = _format.Copy(_confirmed);
        _host.UpdateView(next, entry);
        var request = _format.ToAppend(Actor, version, entry);
        if (version % _options.SnapshotInterval == 0)
        {
            request = request with { Snapshot = new SnapshotRecord(Actor, version, _format.ToSnapshot(next)) };
        }

        using var span = ActorsTelemetry.Source.StartActivity(ActorsTelemetry.Spans.Append);
        span?.SetTag(ActorsTelemetry.Tags.ActorType, Actor.Type);
        span?.SetTag(ActorsTelemetry.Tags.ActorId, Actor.Id);
        span?.SetTag(ActorsTelemetry.Tags.ActorVersion, version);
        span?.SetTag(ActorsTelemetry.Tags.EventCount, _format.EventCount(entry));
        var started = _time.GetTimestamp();
        try
        {
            // Not cancellable: an append abandoned half-way would leave its outcome unknown. The store's timeouts bound it.
            await _store.AppendAsync(request, CancellationToken.None);
        }
        catch (VersionConflictException)
        {
            ActorsTelemetry.Conflicts.Add(1, _typeTag);
            span?.SetStatus(ActivityStatusCode.Error, "version conflict");
            await CatchUpAsync();
            return (false, version);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            _inDoubt = true;
            throw;
        }

        ActorsTelemetry.AppendDuration.Record(_time.GetElapsedTime(started).TotalMilliseconds, _typeTag);
        ActorsTelemetry.Checkpoints.Add(1, _typeTag);
        _confirmed = next;
        _version = checked((int)version);
        _tentative = null;
        _host.OnViewChanged(tentative: true, confirmed: true);
        return (true, version);
    }

    /// <summary>Brings the confirmed view up to the journal's newest mutation set.</summary>
    private async Task CatchUpAsync()
    {
        var before = _version;
        if (!_loaded)
        {
            var (view, version) = await JournalReplay.RebuildAsync(_store, Actor, long.MaxValue, _format, _host.UpdateView, CancellationToken.None);
            _confirmed = view;
            _version = checked((int)version);
            _loaded = true;
        }
        else
        {
            IReadOnlyList<MutationSetRecord> tail;
            try
            {
                tail = await _store.ReadTailAsync(Actor, _version, CancellationToken.None);
            }
            catch (HistoryPrunedException)
            {
                // This view is older than the actor's boundary (a stale activation while another compacted the actor):
                // the sets it lacks are gone, so load afresh from the snapshot at the boundary.
                _loaded = false;
                await CatchUpAsync();
                return;
            }

            var view = _confirmed;
            var version = (long)_version;
            var copied = false;
            foreach (var set in tail)
            {
                if (!copied)
                {
                    view = _format.Copy(view);
                    copied = true;
                }

                _host.UpdateView(view, _format.FromJournal(set));
                version = set.Version;
            }

            // All of the tail or none of it: should a set fail to apply, a version ahead of the view would have the next
            // append written on a state that lacks the sets before it.
            _confirmed = view;
            _version = checked((int)version);
        }

        _inDoubt = false;
        if (_version != before)
        {
            _tentative = null;
            _host.OnViewChanged(tentative: true, confirmed: true);
        }
    }

    private TView Tentative()
    {
        var view = _format.Copy(_confirmed);
        foreach (var entry in _submitted)
        {
            _host.UpdateView(view, entry);
        }

        return view;
    }

    private void Drop()
    {
        _submitted.Clear();
        _tentative = null;
        _host.OnViewChanged(tentative: true, confirmed: false);
    }
}
