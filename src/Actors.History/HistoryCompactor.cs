using System.Globalization;
using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.History;

/// <summary>
/// Compacts one page of actors of a type at a time: each actor with mutation sets older than the cutoff gets its boundary
/// moved to its newest such set. When archiving, the sets and snapshots that leave the hot journal are first written to
/// archive files (one per period of their commit times), flushed, read back, listed in the manifest and recorded in the
/// database's index; only then does <see cref="IHistoryStore.CompactAsync"/> remove them, one actor per transaction. A
/// page stopped anywhere and run again loses nothing (nothing leaves the journal before its file is recorded) and
/// duplicates nothing (an actor's versions already recorded are not archived again; readers use the index).
/// </summary>
public sealed class HistoryCompactor(IHistoryStore history, TimeProvider time, HistoryArchive? archive = null)
{
    /// <summary>Called after every step (tests stop a compaction there to prove a second run finishes it).</summary>
    internal Func<CompactionStep, Task> AfterStep { get; set; } = static _ => Task.CompletedTask;

    /// <summary>True when an archive directory is configured.</summary>
    public bool CanArchive => archive is not null;

    /// <summary>
    /// Compacts the actors of <paramref name="request"/>'s page; <paramref name="stateAt"/> gives the snapshot JSON of an
    /// actor after a version (the state the hot journal keeps at the new boundary).
    /// </summary>
    public async Task<CompactionPage> CompactPageAsync(
        CompactionPageRequest request, Func<ActorKey, long, CancellationToken, Task<string>> stateAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stateAt);
        if (request.Archive && archive is null)
        {
            throw new InvalidOperationException("Compaction was asked to archive, but no archive directory is configured (Actors:History:ArchivePath).");
        }

        var page = await history.ListCompactionCandidatesAsync(request.ActorType, request.Before, request.AfterId, request.Limit, cancellationToken);
        var files = 0;
        if (request.Archive && page.Candidates.Count > 0)
        {
            files = await ArchivePageAsync(request, page.Candidates, cancellationToken);
        }

        long removed = 0;
        foreach (var candidate in page.Candidates)
        {
            var actor = new ActorKey(request.ActorType, candidate.ActorId);
            var before = await history.GetHistoryBoundaryAsync(actor, cancellationToken);
            var state = await stateAt(actor, candidate.BoundaryVersion, cancellationToken);
            var after = await history.CompactAsync(new CompactionRequest(actor, candidate.BoundaryVersion, state, request.Archive), cancellationToken);
            removed += after.BoundaryVersion - (before?.BoundaryVersion ?? 1);
            await AfterStep(CompactionStep.Compacted);
        }

        return new CompactionPage(page.LastId, page.Exhausted, page.Candidates.Count, removed, files);
    }

    /// <summary>Archives what the page's actors will remove and is not archived yet; answers the number of files written.</summary>
    private async Task<int> ArchivePageAsync(CompactionPageRequest request, IReadOnlyList<CompactionCandidate> candidates, CancellationToken cancellationToken)
    {
        // Rows of each period, per actor, in id order.
        var periods = new SortedDictionary<string, List<ArchivedActor>>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var actor = new ActorKey(request.ActorType, candidate.ActorId);
            var archivedUpTo = (await history.ReadArchiveIndexAsync(actor, cancellationToken)).Select(e => e.ToVersion).DefaultIfEmpty(0).Max();
            var export = await history.ReadForArchiveAsync(actor, candidate.BoundaryVersion, cancellationToken);
            var sets = export.Sets.Where(s => s.Set.Version > archivedUpTo).ToList();
            var periodOf = sets.ToDictionary(s => s.Set.Version, s => Period(s.Set.Timestamp));
            foreach (var group in sets.GroupBy(s => periodOf[s.Set.Version]))
            {
                var snapshots = export.Snapshots.Where(s => periodOf.GetValueOrDefault(s.Version) == group.Key).ToList();
                if (!periods.TryGetValue(group.Key, out var rows))
                {
                    periods[group.Key] = rows = [];
                }

                rows.Add(new ArchivedActor(actor, [.. group], snapshots));
            }
        }

        foreach (var (period, actors) in periods)
        {
            // A new name every time: a file that was written but not recorded by a stopped run is left alone (never read).
            var name = string.Create(CultureInfo.InvariantCulture, $"{request.JobId}-{request.Page:D6}-{Guid.NewGuid().ToString("N")[..8]}");
            var (file, entries) = await archive!.WriteAsync(request.ActorType, period, name, actors, time.GetUtcNow(), AfterStep, cancellationToken);
            await archive.Manifest.AddAsync(file, cancellationToken);
            await AfterStep(CompactionStep.Listed);
            await history.RecordArchiveFileAsync(file, entries, cancellationToken);
            await AfterStep(CompactionStep.Recorded);
        }

        return periods.Count;
    }

    private static string Period(DateTimeOffset timestamp) => timestamp.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>One page of a compaction job.</summary>
/// <param name="ActorType">The actor type compacted.</param>
/// <param name="Before">Sets committed before this time leave the hot journal (each actor keeps its newest such set as its boundary).</param>
/// <param name="Archive">Archive what leaves (else it is pruned).</param>
/// <param name="AfterId">The page starts after this actor id (null: at the first).</param>
/// <param name="Limit">How many actor ids the page looks at.</param>
/// <param name="JobId">The job's id, part of the archive files' names.</param>
/// <param name="Page">The page's number in the job, part of the archive files' names.</param>
public sealed record CompactionPageRequest(string ActorType, DateTimeOffset Before, bool Archive, string? AfterId, int Limit, string JobId, int Page);

/// <summary>What one page did.</summary>
/// <param name="LastId">The last actor id looked at; the next page starts after it.</param>
/// <param name="Exhausted">True when no actor of the type is left.</param>
/// <param name="Actors">Actors whose boundary moved.</param>
/// <param name="Sets">Mutation sets that left the hot journal.</param>
/// <param name="Files">Archive files written.</param>
public sealed record CompactionPage(string? LastId, bool Exhausted, int Actors, long Sets, int Files);
