using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.EventSourcing;

/// <summary>Rebuilds a view from the journal: the newest snapshot at or before a version, then the mutation sets after it.</summary>
public static class JournalReplay
{
    /// <summary>
    /// The view after mutation set <paramref name="upToVersion"/> (or the newest, for <see cref="long.MaxValue"/>), the
    /// version it reached (lower when the journal ends earlier), in one read of the store.
    /// </summary>
    public static async Task<(TView View, long Version)> RebuildAsync<TView, TEntry>(
        IJournalStore store,
        ActorKey actor,
        long upToVersion,
        IJournalFormat<TView, TEntry> format,
        Action<TView, TEntry> apply,
        CancellationToken cancellationToken)
        where TView : class, new()
        where TEntry : class
    {
        var source = await store.ReadForRebuildAsync(actor, upToVersion, cancellationToken);
        var version = source.Snapshot?.Version ?? 0;
        var view = source.Snapshot is { } snapshot
            ? format.FromSnapshot(snapshot, source.Sets.FirstOrDefault(s => s.Version == snapshot.Version))
            : new TView();
        foreach (var set in source.Sets)
        {
            // The snapshot's own set comes first, for its commit time; its entry is already in the snapshot.
            if (set.Version > version)
            {
                apply(view, format.FromJournal(set));
                version = set.Version;
            }
        }

        return (view, version);
    }
}
