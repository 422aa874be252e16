using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Grains.Snapshots;
using Actors.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace Actors.Grains.History;

/// <summary>
/// A history compaction job (grain type <c>compaction-job</c>), run as snapshot jobs are: in steps on a grain timer, its
/// state persisted after each, with a reminder that resumes it on another silo when its own dies. The first step expires
/// idempotency keys; each later one compacts a page of actors with the <see cref="HistoryCompactor"/>, which archives
/// before it removes. A step stopped anywhere is done again from the last persisted page, and compaction is idempotent,
/// so nothing is lost or duplicated.
/// </summary>
[GrainType("compaction-job")]
[PreferLocalPlacement]
public sealed class CompactionJobGrain(
    [PersistentState("job", SnapshotJobGrain.StorageName)] IPersistentState<CompactionJobState> job,
    HistoryCompactor compactor,
    IHistoryStore history,
    IJournalStore journal,
    IOptions<HistoryOptions> historyOptions,
    IOptions<SnapshotJobOptions> jobOptions,
    TimeProvider time,
    ILogger<CompactionJobGrain> logger) : Grain, ICompactionJobGrain, IRemindable
{
    private const string ResumeReminder = "resume";

    /// <summary>How many idempotency records one statement deletes.</summary>
    private const int ExpiryBatch = 1000;

    private IGrainTimer? _step;
    private TaskCompletionSource? _finished;

    private string Id => this.GetPrimaryKeyString();

    private bool Unfinished => job.RecordExists && job.State.Status is SnapshotJobStatus.Pending or SnapshotJobStatus.Running;

    /// <summary>Deletes every idempotency record older than the configured window, a batch at a time; answers how many.</summary>
    public static async Task<long> ExpireIdempotencyKeysAsync(IHistoryStore history, DateTimeOffset now, TimeSpan keptFor, CancellationToken cancellationToken)
    {
        long expired = 0;
        int deleted;
        do
        {
            deleted = await history.ExpireIdempotencyAsync(now - keptFor, ExpiryBatch, cancellationToken);
            expired += deleted;
        }
        while (deleted == ExpiryBatch);

        return expired;
    }

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
        _finished?.TrySetResult();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<CompactionJobStatus> StartAsync(CompactionJobRequest request, CancellationToken cancellationToken = default)
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

        if (request.Archive && !compactor.CanArchive)
        {
            throw ActorException.Invalid("This silo has no archive directory (Actors:History:ArchivePath): history can only be pruned.");
        }

        // The reminder first: a job that exists always has one, so it finishes even if this silo dies right after.
        var period = jobOptions.Value.ResumePeriod;
        await this.RegisterOrUpdateReminder(ResumeReminder, period, period, cancellationToken);
        job.State = new CompactionJobState
        {
            ActorType = request.ActorType,
            Before = Timestamps.Truncate(request.Before),
            Archive = request.Archive,
            Reason = request.Reason,
            Principal = request.Principal,
            CreatedAt = time.GetUtcNow(),
        };
        await job.WriteStateAsync(cancellationToken);
        ScheduleStep(TimeSpan.Zero);
        return Status();
    }

    /// <inheritdoc />
    public Task<CompactionJobStatus?> GetStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(job.RecordExists ? Status() : null);

    /// <inheritdoc />
    public async Task<CompactionJobStatus?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
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
            _step = this.RegisterGrainTimer(StepAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _step.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>One step: expire idempotency keys (the first), or compact one page of actors; persist; arm the next or finish.</summary>
    private async Task StepAsync(CancellationToken cancellationToken)
    {
        if (!Unfinished)
        {
            return;
        }

        var state = job.State;
        try
        {
            var next = state.Copy();
            if (state.Status == SnapshotJobStatus.Pending)
            {
                next.ExpiredKeys = await ExpireIdempotencyKeysAsync(history, time.GetUtcNow(), historyOptions.Value.IdempotencyKeysFor, cancellationToken);
                next.Status = SnapshotJobStatus.Running;
            }
            else
            {
                var page = await compactor.CompactPageAsync(
                    new CompactionPageRequest(state.ActorType, state.Before, state.Archive, state.After, historyOptions.Value.PageSize, Id, state.Page),
                    SnapshotAtAsync,
                    cancellationToken);
                next.After = page.LastId;
                next.Page++;
                next.Actors += page.Actors;
                next.Sets += page.Sets;
                next.Files += page.Files;
                if (page.Exhausted)
                {
                    next.Status = SnapshotJobStatus.Completed;
                    next.CompletedAt = time.GetUtcNow();
                }
            }

            // The new cursor replaces the state only once it is persisted: a failed write leaves the job where it was, and the
            // page is done again (compaction is idempotent, and what was archived is not archived twice).
            job.State = next;
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
            return;
        }
        catch (InconsistentStateException e)
        {
            logger.LogWarning(e, "Compaction {JobId}: another activation is running the job; this one deactivates", Id);
            DeactivateOnIdle();
            return;
        }
        catch (Exception e) when (e is StorageUnavailableException or OrleansException { InnerException: StorageUnavailableException })
        {
            logger.LogWarning(e, "Compaction {JobId}: the journal or the archive cannot be reached; trying again in {Delay}", Id, jobOptions.Value.RetryDelay);
            ScheduleStep(jobOptions.Value.RetryDelay);
            return;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Compaction {JobId} failed", Id);
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

        await DropReminderAsync();
        _step?.Dispose();
        _step = null;
        _finished?.TrySetResult();
    }

    private Task<string> SnapshotAtAsync(ActorKey actor, long version, CancellationToken cancellationToken) =>
        ActorGrains.Find(actor.Type)!.ReadSnapshotAsync(journal, actor.Id, version, cancellationToken);

    private async Task<bool> TryPersistFailureAsync(string error, CancellationToken cancellationToken)
    {
        var state = job.State;
        var failed = state.Copy();
        failed.Status = SnapshotJobStatus.Failed;
        failed.Error = error;
        failed.CompletedAt = time.GetUtcNow();
        job.State = failed;
        try
        {
            await job.WriteStateAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is OrleansException or StorageUnavailableException or OperationCanceledException)
        {
            job.State = state;
            logger.LogWarning(e, "Compaction {JobId}: its failure could not be recorded", Id);
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
            logger.LogWarning(e, "Compaction {JobId}: its resume reminder could not be removed yet", Id);
        }
    }

    private CompactionJobStatus Status()
    {
        var state = job.State;
        return new CompactionJobStatus(
            Id, state.Status, state.ActorType, state.Before, state.Archive ? HistoryOptions.ArchiveTier : HistoryOptions.PruneTier,
            state.Reason, state.Principal, state.CreatedAt, state.CompletedAt, state.Actors, state.Sets, state.Files, state.ExpiredKeys, state.Error);
    }
}
