using Orleans.Concurrency;

namespace Actors.Grains.History;

/// <summary>
/// A history compaction job (grain type <c>compaction-job</c>, keyed by the job's id): the mutation sets of one actor type
/// committed before a time leave the hot journal, archived or pruned, a page of actors at a time; expired idempotency
/// keys go first. Its status is in the journal's database, so every silo answers for it, and a job whose silo died
/// goes on where it stopped on another silo.
/// </summary>
public interface ICompactionJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job (once: a job that exists answers its status unchanged).</summary>
    Task<CompactionJobStatus> StartAsync(CompactionJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>The job's status, or null when there is no such job.</summary>
    [AlwaysInterleave]
    Task<CompactionJobStatus?> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>The job's status once it finished, or after <paramref name="timeout"/> (or when its activation moves: ask again); null when there is none.</summary>
    [AlwaysInterleave]
    Task<CompactionJobStatus?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
