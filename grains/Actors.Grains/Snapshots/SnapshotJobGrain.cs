using System.Text;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.PersonalData;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace Actors.Grains.Snapshots;

/// <summary>
/// A compliance snapshot job (grain type <c>snapshot-job</c>, keyed by the snapshot's id). It runs in steps, one page of
/// actors per grain-timer turn: the page's lines are written as one chunk, then the job's state (status, count, and the
/// cursor: last actor id and chunk number) is persisted, so status queries interleave between steps and a job that is
/// stopped anywhere goes on from its last persisted page. A chunk written again after a crash replaces itself.
/// <para>
/// Resuming: activation starts the next step of an unfinished job, so a job whose silo died goes on wherever it is
/// activated next: at once when anyone asks for its status, otherwise at the next tick of the reminder every unfinished
/// job keeps (<see cref="SnapshotJobOptions.ResumePeriod"/>), which the reminder service of a surviving silo delivers.
/// The reminder is removed when the job finishes. Two activations of one job (possible for a moment during membership
/// changes) write the same chunks, and the grain storage's etag lets only one of them persist its progress; the other
/// deactivates.
/// </para>
/// A job is placed on the silo whose gateway started it, so jobs spread as their requests do.
/// <para>
/// Personal values stay sealed in the data: states are rebuilt from the journal as it is stored (values sealed with their
/// actors' keys), so a later erasure of an actor makes its values in every snapshot unreadable too; the data store opens
/// them for readers. A value still in clear (written before values were sealed) is sealed with its actor's key, which is
/// read before the state is read again: an erasure in between destroys that key, or purges the value before it is read.
/// </para>
/// </summary>
[GrainType("snapshot-job")]
[PreferLocalPlacement]
public sealed class SnapshotJobGrain(
    [PersistentState("job", SnapshotJobGrain.StorageName)] IPersistentState<SnapshotJobState> job,
    PersonalDataProtector protector,
    ISnapshotDataStore data,
    IOptions<SnapshotJobOptions> options,
    TimeProvider time,
    ILogger<SnapshotJobGrain> logger) : Grain, ISnapshotJobGrain, IRemindable
{
    /// <summary>The grain storage provider jobs are persisted with (in the journal's database).</summary>
    public const string StorageName = "Jobs";

    private const string ResumeReminder = "resume";

    private static readonly Dictionary<string, string> NoFilter = [];

    private readonly AsOfReader _reader = new(protector.SealedJournal);
    private IGrainTimer? _step;
    private TaskCompletionSource? _finished;

    private string Id => this.GetPrimaryKeyString();

    private bool Unfinished => job.RecordExists && job.State.Status is SnapshotJobStatus.Pending or SnapshotJobStatus.Running;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Unfinished)
        {
            ScheduleStep(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Waiters answer with what is known now and ask again, reaching the job's next activation.
        _finished?.TrySetResult();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<SnapshotJobStatus> StartAsync(SnapshotJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (job.RecordExists)
        {
            return Status();
        }

        if (ActorGrains.Find(request.ActorType) is null)
        {
            throw ActorException.Invalid($"There is no actor type '{request.ActorType}'.");
        }

        // The reminder first: a job that exists always has one, so it finishes even if this silo dies right after.
        var period = options.Value.ResumePeriod;
        await this.RegisterOrUpdateReminder(ResumeReminder, period, period, cancellationToken);
        job.State = new SnapshotJobState
        {
            Status = SnapshotJobStatus.Pending,
            ActorType = request.ActorType,
            At = request.At,
            Reason = request.Reason,
            Principal = request.Principal,
            CreatedAt = time.GetUtcNow(),
        };
        await job.WriteStateAsync(cancellationToken);
        ScheduleStep(TimeSpan.Zero);
        return Status();
    }

    /// <inheritdoc />
    public Task<SnapshotJobStatus?> GetStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(job.RecordExists ? Status() : null);

    /// <inheritdoc />
    public async Task<SnapshotJobStatus?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (Unfinished || _step is not null)
        {
            _finished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await _finished.Task.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Not finished yet: the caller sees how far it got.
            }
        }

        return job.RecordExists ? Status() : null;
    }

    /// <summary>The resume reminder's tick: the activation it caused already went on with the job; a finished job drops it.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Unfinished)
        {
            if (_step is null)
            {
                ScheduleStep(TimeSpan.Zero);
            }

            return;
        }

        await DropReminderAsync();
    }

    private void ScheduleStep(TimeSpan due)
    {
        if (_step is null)
        {
            // KeepAlive: a running job is not collected as idle. One shot at a time (no period): each step arms the next.
            _step = this.RegisterGrainTimer(StepAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _step.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>One page: read it, write it as the next chunk, persist the new cursor; then arm the next step or finish.</summary>
    private async Task StepAsync(CancellationToken cancellationToken)
    {
        if (!Unfinished)
        {
            return;
        }

        var state = job.State;
        try
        {
            var rules = ActorGrains.Find(state.ActorType) ?? throw new InvalidOperationException($"There is no actor type '{state.ActorType}'.");
            var point = new AsOfPoint(state.At, null);
            var (states, last, exhausted) = await _reader.ReadPageAsync(rules.Type, point, NoFilter, state.After, options.Value.PageSize, cancellationToken);
            if (states.Count > 0)
            {
                await data.WriteSnapshotChunkAsync(Id, state.Chunks, await LinesAsync(rules.Type, point, states, cancellationToken), cancellationToken);
            }

            // The new cursor replaces the state only once it is persisted: a failed write leaves the job where it was,
            // and the page is done again (its chunk replaced by the same lines).
            job.State = state.Next(
                exhausted ? SnapshotJobStatus.Completed : SnapshotJobStatus.Running,
                last,
                written: states.Count,
                exhausted ? time.GetUtcNow() : null);
            try
            {
                await job.WriteStateAsync(cancellationToken);
            }
            catch
            {
                job.State = state;
                throw;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The activation is going away; its successor goes on from the last persisted page.
            return;
        }
        catch (InconsistentStateException e)
        {
            // Another activation of this job persisted progress first: it owns the job, this one steps aside.
            logger.LogWarning(e, "Snapshot {SnapshotId}: another activation is running the job; this one deactivates", Id);
            DeactivateOnIdle();
            return;
        }
        catch (Exception e) when (e is StorageUnavailableException or OrleansException { InnerException: StorageUnavailableException })
        {
            // The grain storage's outage arrives wrapped by Orleans; the chunk store's and the journal's as they are.
            logger.LogWarning(e, "Snapshot {SnapshotId}: the journal cannot be reached; trying again in {Delay}", Id, options.Value.RetryDelay);
            ScheduleStep(options.Value.RetryDelay);
            return;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Snapshot {SnapshotId} failed", Id);
            if (!await TryPersistFailureAsync(e.Message, cancellationToken))
            {
                return;
            }
        }

        if (Unfinished)
        {
            ScheduleStep(TimeSpan.Zero);
            return;
        }

        // Waiters answer once the reminder is gone too: a finished job leaves nothing behind to tick.
        await DropReminderAsync();
        _step?.Dispose();
        _step = null;
        _finished?.TrySetResult();
    }

    /// <summary>The page's states as NDJSON, every personal value sealed.</summary>
    private async Task<string> LinesAsync(ActorTypeDescriptor type, AsOfPoint point, IReadOnlyList<JsonObject> states, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var state in states)
        {
            var line = state.ToJsonString();
            if (protector.HoldsValuesInClear(type.Name, line))
            {
                // The key first, then the state again: see the class remarks.
                var id = (string)state[type.IdField]!;
                var key = await protector.GetKeyAsync(new ActorKey(type.Name, id), cancellationToken);
                var again = await _reader.ReadAsync(type, id, point, cancellationToken);
                line = again is null ? null : protector.Seal(again.ToJsonString(), key);
            }

            if (line is not null)
            {
                lines.Append(line).Append('\n');
            }
        }

        return lines.ToString();
    }

    private async Task<bool> TryPersistFailureAsync(string error, CancellationToken cancellationToken)
    {
        var state = job.State;
        job.State = state.Next(SnapshotJobStatus.Failed, state.After, written: 0, time.GetUtcNow(), error);
        try
        {
            await job.WriteStateAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is OrleansException or StorageUnavailableException or OperationCanceledException)
        {
            job.State = state;
            // Not recorded: the next activation (the reminder's, at the latest) reads the job as it was and tries again.
            logger.LogWarning(e, "Snapshot {SnapshotId}: its failure could not be recorded", Id);
            DeactivateOnIdle();
            return false;
        }
    }

    private async Task DropReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next tick finds the job finished and tries again.
            logger.LogWarning(e, "Snapshot {SnapshotId}: its resume reminder could not be removed yet", Id);
        }
    }

    private SnapshotJobStatus Status()
    {
        var state = job.State;
        return new SnapshotJobStatus(
            Id, state.Status, state.ActorType, state.At, state.Reason, state.Principal,
            state.CreatedAt, state.CompletedAt, state.Count, state.Error, state.Chunks);
    }
}
