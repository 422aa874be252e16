using Actors.EventSourcing.Tests.Counters;

namespace Actors.EventSourcing.Tests;

public abstract partial class JournalProviderTests
{
    [Fact]
    public async Task A_reactivated_counter_loads_the_same_state_and_version_from_the_journal()
    {
        var (counter, actor) = await CounterWithAsync(Ascending(Interval + 2));
        var before = await counter.GetAsync();
        var work = Store.WorkOn(actor);

        await cluster.Cluster.DeactivateAsync(counter);

        // PeekAsync reads nothing itself: what it answers, JournaledGrain's activation loaded.
        Assert.Equal(before, await counter.PeekAsync().WaitAsync(Patience));
        Assert.True((Store.WorkOn(actor) - work).Reads > 0);
        Assert.True(await counter.TryAddAsync(100).WaitAsync(Patience));
        Assert.Equal(new CounterReading(before.Value + 100, before.Version + 1), await counter.GetAsync());
    }

    [Fact]
    public async Task Confirmed_events_are_read_back_from_the_journal_as_they_were_raised()
    {
        long[] amounts = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
        var (counter, actor) = await CounterWithAsync(amounts);
        var before = Store.WorkOn(actor);

        Assert.Equal(amounts, (await counter.GetEntriesAsync(0, amounts.Length)).Select(e => e.By));
        Assert.Equal([4L, 1L, 5L], (await counter.GetEntriesAsync(2, 5)).Select(e => e.By));
        Assert.Empty(await counter.GetEntriesAsync(amounts.Length, amounts.Length));
        Assert.Equal(3, (Store.WorkOn(actor) - before).Reads);

        // The new activation's view came from a snapshot; its events still come from the journal.
        await cluster.Cluster.DeactivateAsync(counter);
        Assert.Equal(amounts, (await counter.GetEntriesAsync(0, amounts.Length)).Select(e => e.By));
        Assert.Equal([9L, 2L, 6L, 5L, 3L], (await counter.GetEntriesAsync(5, amounts.Length)).Select(e => e.By));
    }
}
