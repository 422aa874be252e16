namespace Actors.Grains.History;

/// <summary>
/// The retention policy (one grain for the cluster, key <see cref="Key"/>): on every tick of its reminder
/// (<c>Actors:History:PolicyPeriod</c>) it expires idempotency keys older than <c>Actors:History:IdempotencyKeysFor</c>
/// and, for each actor type with <c>Actors:History:&lt;Type&gt;:HotFor</c>, starts a compaction job of what is older than
/// that, unless the type's previous job is still running. One grain, so one policy run at a time in the whole cluster.
/// </summary>
public interface IRetentionPolicyGrain : IGrainWithStringKey
{
    /// <summary>The one policy grain's key.</summary>
    const string Key = "retention";

    /// <summary>Makes sure the reminder that runs the policy exists (every silo asks as it starts).</summary>
    Task EnsureScheduledAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the policy now, as if at <paramref name="asOf"/> (default: the clock's now): answers the jobs it started and
    /// how many idempotency keys expired.
    /// </summary>
    Task<RetentionRun> RunAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);
}

/// <summary>What one run of the retention policy did.</summary>
/// <param name="Jobs">The compaction jobs it started, one per actor type with a policy (none for a type whose previous job runs).</param>
/// <param name="ExpiredKeys">Idempotency keys that expired.</param>
[GenerateSerializer, Immutable]
public sealed record RetentionRun(IReadOnlyList<CompactionJobStatus> Jobs, long ExpiredKeys);
