using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Actors.Grains.History;

/// <summary>
/// The retention policy, one grain for the cluster (<see cref="IRetentionPolicyGrain.Key"/>), ticked by a reminder kept in
/// the journal's database: whichever silo holds it runs it, and a surviving silo's reminder service runs it when that
/// silo dies. Each run expires idempotency keys, then starts one compaction job per actor type that has a
/// <c>HotFor</c>, unless that type's previous job is still running.
/// </summary>
[GrainType("retention-policy")]
public sealed class RetentionPolicyGrain(
    [PersistentState("policy", Snapshots.SnapshotJobGrain.StorageName)] IPersistentState<RetentionPolicyState> policy,
    IHistoryStore history,
    IOptions<HistoryOptions> options,
    TimeProvider time,
    ILogger<RetentionPolicyGrain> logger) : Grain, IRetentionPolicyGrain, IRemindable
{
    /// <summary>Who the policy's jobs are recorded as started by.</summary>
    public const string Principal = "retention-policy";

    private const string Tick = "tick";

    /// <inheritdoc />
    public async Task EnsureScheduledAsync(CancellationToken cancellationToken = default)
    {
        // Registering again moves the next tick to a period from now: only when there is none, or the period changed.
        var period = options.Value.PolicyPeriod;
        if (policy.State.Period != period || await this.GetReminder(Tick, cancellationToken) is null)
        {
            await this.RegisterOrUpdateReminder(Tick, period, period, cancellationToken);
            policy.State.Period = period;
            await policy.WriteStateAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await RunAsync(null, CancellationToken.None);
        }
        catch (Exception e) when (e is StorageUnavailableException or OrleansException or InconsistentStateException)
        {
            // The next tick tries again.
            logger.LogWarning(e, "The retention policy could not run; it runs again at its next tick");
        }
    }

    /// <inheritdoc />
    public async Task<RetentionRun> RunAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var now = asOf ?? time.GetUtcNow();
        var settings = options.Value;
        var expired = await CompactionJobGrain.ExpireIdempotencyKeysAsync(history, now, settings.IdempotencyKeysFor, cancellationToken);
        var started = new List<CompactionJobStatus>();
        foreach (var rules in ActorGrains.Rules)
        {
            var type = rules.Type.Name;
            if (settings.PolicyOf(type).HotFor is not { } hotFor)
            {
                continue;
            }

            if (policy.State.LastJobs.TryGetValue(type, out var last)
                && await GrainFactory.GetGrain<ICompactionJobGrain>(last).GetStatusAsync(cancellationToken) is { Finished: false })
            {
                logger.LogInformation("Retention of {ActorType}: job {JobId} still runs; this run leaves it be", type, last);
                continue;
            }

            var jobId = $"compact-{Guid.CreateVersion7(now):N}";
            var request = new CompactionJobRequest(type, now - hotFor, settings.Archives(type), $"retention policy: keep {hotFor} hot", Principal);
            started.Add(await GrainFactory.GetGrain<ICompactionJobGrain>(jobId).StartAsync(request, cancellationToken));
            policy.State.LastJobs[type] = jobId;
        }

        policy.State.LastRun = now;
        await policy.WriteStateAsync(cancellationToken);
        return new RetentionRun(started, expired);
    }
}
