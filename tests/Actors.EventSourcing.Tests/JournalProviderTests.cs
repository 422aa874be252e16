using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Actors.EventSourcing.Tests.Counters;

namespace Actors.EventSourcing.Tests;

/// <summary>
/// The journal log-consistency provider through real Orleans: <see cref="CounterGrain"/> on a silo whose journal is
/// SQLite or PostgreSQL (one subclass per store). Split by concern: outages, races, snapshots, reloads, entries that
/// cannot be applied.
/// </summary>
public abstract partial class JournalProviderTests(JournalCluster cluster)
{
    /// <summary>How long a call may take before the test calls it hung. A bound on a wait, never a measured time.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const int Interval = JournalCluster.SnapshotInterval;

    /// <summary>Who the other writer's rows are written by.</summary>
    private const string OtherWriter = "other-writer";

    private InstrumentedStore Store => cluster.Store;

    /// <summary>A counter with <paramref name="amounts"/> appended, one conditional append each.</summary>
    private async Task<(ICounterGrain Grain, ActorKey Actor)> CounterWithAsync(IEnumerable<long> amounts)
    {
        var (grain, actor) = cluster.NewCounter();
        foreach (var by in amounts)
        {
            Assert.True(await grain.TryAddAsync(by).WaitAsync(Patience));
        }

        return (grain, actor);
    }

    /// <summary>Every row of the actor's journal, read directly, oldest first.</summary>
    private async Task<IReadOnlyList<MutationSetRecord>> JournalOfAsync(ActorKey actor) =>
        await cluster.Journal.ReadAsync(actor, 0, long.MaxValue, int.MaxValue, CancellationToken.None);

    /// <summary>Another writer (another silo's activation of the same actor) appends <paramref name="by"/> as <paramref name="version"/>.</summary>
    private Task OtherWriterAppendsAsync(ActorKey actor, long version, long by) =>
        cluster.Journal.AppendAsync(new AppendRequest(CounterFormat.Row(actor, version, by, OtherWriter)), CancellationToken.None);

    private static long[] Versions(IEnumerable<MutationSetRecord> rows) => [.. rows.Select(r => r.Version)];

    private static long[] Amounts(IEnumerable<MutationSetRecord> rows) => [.. rows.Select(r => CounterFormat.Instance.FromJournal(r).By)];

    private static string[] Writers(IEnumerable<MutationSetRecord> rows) => [.. rows.Select(r => r.Principal)];

    private static long[] Ascending(int count) => [.. Enumerable.Range(1, count).Select(i => (long)i)];
}
