using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Hosting;

namespace Actors.Runtime.Journaling;

/// <summary>
/// An event-sourced actor in the shape of Orleans' <c>JournaledGrain</c>: <see cref="RaiseEvent"/> applies an
/// event to the tentative state, <see cref="ConfirmEventsAsync"/> appends every raised event as one mutation
/// set. States are immutable, so a failed turn or a discarded preview leaves <see cref="State"/> untouched.
/// A null state means the actor does not exist yet.
/// </summary>
public abstract class JournaledActor<TState, TEvent> : ActorBase
    where TState : class
    where TEvent : class
{
    private readonly List<TEvent> _pending = [];
    private TState? _tentative;
    private bool _mustRefresh;

    /// <summary>The confirmed state: the fold of every committed mutation set.</summary>
    protected TState? State { get; private set; }

    /// <summary>The confirmed state with the events raised in this turn applied.</summary>
    protected TState? TentativeState => _pending.Count == 0 ? State : _tentative;

    /// <summary>The number of committed mutation sets (checkpoints).</summary>
    protected long Version { get; private set; }

    /// <summary>Commit time of the newest mutation set.</summary>
    protected DateTimeOffset LastTimestamp { get; private set; }

    /// <summary>True when this turn raised events not yet confirmed.</summary>
    protected bool HasPendingEvents => _pending.Count > 0;

    /// <summary>The events raised in this turn, in order.</summary>
    protected IReadOnlyList<TEvent> PendingEvents => _pending;

    /// <summary>Names and (de)serializes this actor's events.</summary>
    protected abstract EventCodec<TEvent> Codec { get; }

    /// <summary>(De)serializes the state for snapshots.</summary>
    protected abstract JsonTypeInfo<TState> StateTypeInfo { get; }

    /// <summary>The one place state changes: returns the state after <paramref name="e"/>. Throws on an unknown event.</summary>
    protected abstract TState TransitionState(TState? state, TEvent e);

    /// <summary>Applies <paramref name="e"/> to the tentative state; it persists with the next <see cref="ConfirmEventsAsync"/>.</summary>
    protected void RaiseEvent(TEvent e)
    {
        _tentative = TransitionState(TentativeState, e);
        _pending.Add(e);
    }

    /// <summary>Forgets the events raised in this turn.</summary>
    protected void DiscardPendingEvents()
    {
        _pending.Clear();
        _tentative = null;
    }

    /// <summary>
    /// Appends the raised events as mutation set <c>Version + 1</c> and advances the confirmed state.
    /// On a version conflict the pending events are dropped, the tail is reloaded and the conflict rethrown.
    /// </summary>
    protected async Task ConfirmEventsAsync(MutationSetInfo info, IdempotencyRecord? idempotency, AuditRecord? audit, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var version = Version + 1;
        var state = _tentative!;
        var timestamp = NextTimestamp();
        var record = new MutationSetRecord(
            Key, version, info.CheckpointId, timestamp, info.Principal, info.Operation,
            Codec.Encode(_pending), info.Metadata, info.Reason);
        var snapshot = version % Context.Options.SnapshotInterval == 0
            ? new SnapshotRecord(Key, version, JsonSerializer.Serialize(state, StateTypeInfo))
            : null;
        var type = new KeyValuePair<string, object?>(ActorsTelemetry.Tags.ActorType, Key.Type);
        using var span = ActorsTelemetry.Source.StartActivity("actors.append");
        span?.SetTag(ActorsTelemetry.Tags.ActorType, Key.Type);
        span?.SetTag(ActorsTelemetry.Tags.ActorId, Key.Id);
        span?.SetTag(ActorsTelemetry.Tags.ActorVersion, version);
        span?.SetTag(ActorsTelemetry.Tags.EventCount, _pending.Count);
        var started = Context.Time.GetTimestamp();
        try
        {
            await Context.Store.AppendAsync(new AppendRequest(record, snapshot, idempotency, audit), cancellationToken);
            ActorsTelemetry.AppendDuration.Record(Context.Time.GetElapsedTime(started).TotalMilliseconds, type);
        }
        catch (VersionConflictException)
        {
            ActorsTelemetry.Conflicts.Add(1, type);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "version conflict");
            DiscardPendingEvents();
            await RefreshAsync(cancellationToken);
            throw;
        }
        catch
        {
            // The append may or may not have committed (a connection can drop after COMMIT was sent):
            // only the journal knows, so read it again before the next turn.
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "append failed");
            DiscardPendingEvents();
            _mustRefresh = true;
            throw;
        }

        State = state;
        Version = version;
        LastTimestamp = timestamp;
        ActorsTelemetry.Checkpoints.Add(1, type);
        if (info.Operation == "REWIND")
        {
            ActorsTelemetry.Rewinds.Add(1, type);
        }

        DiscardPendingEvents();
        Context.Notifier.Committed(Key);
    }

    /// <summary>Reads mutation sets <paramref name="fromVersion"/>..<paramref name="toVersion"/> (inclusive) and decodes their events.</summary>
    protected async Task<IReadOnlyList<TEvent>> RetrieveConfirmedEventsAsync(long fromVersion, long toVersion, CancellationToken cancellationToken)
    {
        var sets = await Context.Store.ReadAsync(Key, fromVersion - 1, toVersion, int.MaxValue, cancellationToken);
        return [.. sets.SelectMany(s => Codec.Decode(s.Events))];
    }

    /// <summary>Rebuilds the state as it was after mutation set <paramref name="version"/>: newest snapshot at or before it, then the rest replayed.</summary>
    protected async Task<TState?> RebuildStateAsync(long version, CancellationToken cancellationToken)
    {
        if (version == Version && _pending.Count == 0)
        {
            return State;
        }

        var (state, _, _) = await LoadAsync(version, cancellationToken);
        return state;
    }

    /// <summary>Reloads the tail when a failed append left the confirmed state in doubt.</summary>
    protected async Task EnsureFreshAsync(CancellationToken cancellationToken)
    {
        if (_mustRefresh)
        {
            await RefreshAsync(cancellationToken);
        }
    }

    /// <summary>Applies the mutation sets committed after <see cref="Version"/>; true when there were any.</summary>
    protected async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        var before = Version;
        await RefreshAsync(cancellationToken);
        return Version != before;
    }

    /// <summary>Applies every mutation set committed after <see cref="Version"/> (by another silo, or by an append whose answer was lost).</summary>
    protected async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var sets = await Context.Store.ReadTailAsync(Key, Version, cancellationToken);
        var state = State;
        foreach (var set in sets)
        {
            foreach (var e in Codec.Decode(set.Events))
            {
                state = TransitionState(state, e);
            }

            Version = set.Version;
            LastTimestamp = set.Timestamp;
        }

        State = state;
        _mustRefresh = false;
    }

    /// <inheritdoc />
    protected override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (state, version, timestamp) = await LoadAsync(long.MaxValue, cancellationToken);
        State = state;
        Version = version;
        LastTimestamp = timestamp;
    }

    private async Task<(TState? State, long Version, DateTimeOffset Timestamp)> LoadAsync(long upTo, CancellationToken cancellationToken)
    {
        var source = await Context.Store.ReadForRebuildAsync(Key, upTo, cancellationToken);
        var state = source.Snapshot is null ? null : JsonSerializer.Deserialize(source.Snapshot.State, StateTypeInfo);
        var version = source.Snapshot?.Version ?? 0;
        var timestamp = DateTimeOffset.MinValue;
        foreach (var set in source.Sets)
        {
            // The snapshot's own set comes first for its commit time; its events are already in the snapshot.
            if (set.Version > version)
            {
                foreach (var e in Codec.Decode(set.Events))
                {
                    state = TransitionState(state, e);
                }

                version = set.Version;
            }

            timestamp = set.Timestamp;
        }

        return (state, version, timestamp);
    }

    private DateTimeOffset NextTimestamp()
    {
        // Commit times never go backwards for one actor, so "as of" a time always has one answer.
        var now = Timestamps.Truncate(Context.Time.GetUtcNow());
        return now > LastTimestamp ? now : LastTimestamp.AddTicks(10);
    }
}
