using Orleans.Concurrency;

namespace Actors.Grains.Snapshots;

/// <summary>
/// A compliance snapshot job: every actor of a type as it was at a time, written to the journal's database a page at a
/// time. The key is the snapshot's id (<c>snap-</c> and 32 lowercase hex digits). The job's status and data are in the
/// database, so every silo answers for them; a job whose silo died goes on where it stopped on another silo.
/// </summary>
public interface ISnapshotJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job described by <paramref name="request"/> (once: a job that exists answers its status unchanged).</summary>
    Task<SnapshotJobStatus> StartAsync(SnapshotJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>The job's status, or null when there is no such job.</summary>
    [AlwaysInterleave]
    Task<SnapshotJobStatus?> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The job's status once it has completed or failed, or when <paramref name="timeout"/> has passed (or the job's
    /// activation is going away: ask again), whichever comes first; null when there is no such job.
    /// </summary>
    [AlwaysInterleave]
    Task<SnapshotJobStatus?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
