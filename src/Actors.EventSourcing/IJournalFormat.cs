using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.EventSourcing;

/// <summary>
/// How a journaled grain's log entries and views map to journal rows. The grain implements it, and the
/// <see cref="JournalLogConsistencyProvider"/> does the rest: appends, conflicts, outages, snapshots, catch-up.
/// One log entry is one mutation set (one journal row), so the grain's version is its number of checkpoints.
/// </summary>
/// <typeparam name="TView">The grain's view: a mutable envelope the grain's <c>TransitionState</c> updates.</typeparam>
/// <typeparam name="TEntry">The grain's log entry.</typeparam>
public interface IJournalFormat<TView, TEntry>
    where TView : class, new()
    where TEntry : class
{
    /// <summary>What commits when <paramref name="entry"/> is appended as <paramref name="version"/> of <paramref name="actor"/>: its row, and the idempotency and audit records that commit with it.</summary>
    AppendRequest ToAppend(ActorKey actor, long version, TEntry entry);

    /// <summary>How many events <paramref name="entry"/> holds (the append span's <c>events.count</c>); one unless the grain says.</summary>
    int EventCount(TEntry entry) => 1;

    /// <summary>The log entry a journal row holds.</summary>
    TEntry FromJournal(MutationSetRecord set);

    /// <summary>The view as a snapshot row's state.</summary>
    string ToSnapshot(TView view);

    /// <summary>A view rebuilt from a snapshot; <paramref name="snapshotSet"/> is the row the snapshot was taken after, when read.</summary>
    TView FromSnapshot(SnapshotRecord snapshot, MutationSetRecord? snapshotSet);

    /// <summary>A copy of <paramref name="view"/> that applying further entries to leaves the original untouched.</summary>
    TView Copy(TView view);
}
