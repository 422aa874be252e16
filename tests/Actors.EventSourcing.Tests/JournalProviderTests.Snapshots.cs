using Actors.EventSourcing.Tests.Counters;

namespace Actors.EventSourcing.Tests;

public abstract partial class JournalProviderTests
{
    [Fact]
    public async Task Every_Nth_append_commits_a_snapshot_of_the_state_after_it()
    {
        var amounts = Ascending((2 * Interval) + 3);
        var (_, actor) = await CounterWithAsync(amounts);

        var newest = await cluster.Journal.FindSnapshotAsync(actor, long.MaxValue, CancellationToken.None);
        var earlier = await cluster.Journal.FindSnapshotAsync(actor, (2 * Interval) - 1, CancellationToken.None);
        var none = await cluster.Journal.FindSnapshotAsync(actor, Interval - 1, CancellationToken.None);

        Assert.Equal(2 * Interval, newest!.Version);
        Assert.Equal(amounts[..(2 * Interval)].Sum(), CounterFormat.Instance.FromSnapshot(newest, null).Value);
        Assert.Equal(Interval, earlier!.Version);
        Assert.Equal(amounts[..Interval].Sum(), CounterFormat.Instance.FromSnapshot(earlier, null).Value);
        Assert.Null(none);
    }

    [Fact]
    public async Task Activation_reads_a_snapshot_and_fewer_than_N_sets_after_it_however_long_the_history()
    {
        var shortHistory = Ascending(Interval + 3);
        var longHistory = Ascending((4 * Interval) + 3);
        var (shortCounter, shortActor) = await CounterWithAsync(shortHistory);
        var (longCounter, longActor) = await CounterWithAsync(longHistory);
        await cluster.Cluster.DeactivateAsync(shortCounter);
        await cluster.Cluster.DeactivateAsync(longCounter);

        var shortBefore = Store.WorkOn(shortActor);
        var shortReading = await shortCounter.GetAsync().WaitAsync(Patience);
        var shortWork = Store.WorkOn(shortActor) - shortBefore;
        var longBefore = Store.WorkOn(longActor);
        var longReading = await longCounter.GetAsync().WaitAsync(Patience);
        var longWork = Store.WorkOn(longActor) - longBefore;

        Assert.Equal(new CounterReading(shortHistory.Sum(), shortHistory.Length), shortReading);
        Assert.Equal(new CounterReading(longHistory.Sum(), longHistory.Length), longReading);

        // The snapshot, the set it was taken after (read for its commit time), and the 3 sets since.
        Assert.Equal(1 + 1 + 3, longWork.RowsRead);
        Assert.Equal(shortWork, longWork);
    }

    [Fact]
    public async Task Rebuilding_any_past_version_equals_replaying_from_scratch_and_reads_at_most_a_snapshot_interval()
    {
        var amounts = Ascending((3 * Interval) + 2);
        var (_, actor) = await CounterWithAsync(amounts);

        for (var version = 0; version <= amounts.Length; version++)
        {
            var before = Store.WorkOn(actor);
            var (view, reached) = await JournalReplay.RebuildAsync(
                Store, actor, version, CounterFormat.Instance, CounterFormat.Apply, CancellationToken.None);
            var rows = (Store.WorkOn(actor) - before).RowsRead;

            Assert.Equal(version, reached);
            Assert.Equal(amounts[..version].Sum(), view.Value);
            Assert.True(rows <= Interval + 1, $"Rebuilding version {version} read {rows} rows; a snapshot and at most {Interval} sets were expected.");
        }

        var (newest, newestVersion) = await JournalReplay.RebuildAsync(
            Store, actor, long.MaxValue, CounterFormat.Instance, CounterFormat.Apply, CancellationToken.None);
        Assert.Equal(amounts.Length, newestVersion);
        Assert.Equal(amounts.Sum(), newest.Value);
    }
}
