using Actors.Abstractions.Errors;
using Actors.EventSourcing.Tests.Counters;

namespace Actors.EventSourcing.Tests;

public abstract partial class JournalProviderTests
{
    [Fact]
    public async Task A_conditional_append_that_lost_the_race_returns_false_and_its_rerun_goes_on_top()
    {
        var (counter, actor) = await CounterWithAsync([1]);
        await OtherWriterAppendsAsync(actor, 2, 10);

        Assert.False(await counter.TryAddAsync(5).WaitAsync(Patience));

        // The provider read the other writer's entry when it lost: the confirmed state has it, with no read of the grain's own.
        Assert.Equal(new CounterReading(11, 2), await counter.PeekAsync());
        Assert.True(await counter.TryAddAsync(5).WaitAsync(Patience));

        var rows = await JournalOfAsync(actor);
        Assert.Equal([1L, 2L, 3L], Versions(rows));
        Assert.Equal([1L, 10L, 5L], Amounts(rows));
        Assert.Equal([CounterFormat.GrainPrincipal, OtherWriter, CounterFormat.GrainPrincipal], Writers(rows));
        Assert.Equal(new CounterReading(16, 3), await counter.GetAsync());
        Assert.Equal([1L, 10L, 5L], (await counter.GetEntriesAsync(0, 3)).Select(e => e.By));
    }

    [Fact]
    public async Task An_unconditional_submit_that_lost_the_race_fails_with_a_version_conflict_and_is_not_reappended()
    {
        var (counter, actor) = cluster.NewCounter();
        await counter.AddAsync(1).WaitAsync(Patience);
        await OtherWriterAppendsAsync(actor, 2, 10);

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => counter.AddAsync(5).WaitAsync(Patience));

        Assert.Equal(actor, conflict.Actor);
        Assert.Equal(2, conflict.Version);
        var journal = Amounts(await JournalOfAsync(actor));
        Assert.Equal([1L, 10L], journal);
        Assert.Equal(new CounterReading(11, 2), await counter.PeekAsync());

        // Nothing of the refused submit is still queued: the next one appends only its own entry.
        await counter.AddAsync(6).WaitAsync(Patience);
        var rows = await JournalOfAsync(actor);
        Assert.Equal([1L, 2L, 3L], Versions(rows));
        Assert.Equal([1L, 10L, 6L], Amounts(rows));
    }

    [Fact]
    public async Task Concurrent_appends_to_one_counter_take_one_version_each_without_gaps()
    {
        var (counter, actor) = cluster.NewCounter();

        var appended = await Task.WhenAll(Ascending(20).Select(counter.TryAddAsync)).WaitAsync(Patience);

        Assert.All(appended, Assert.True);
        var rows = await JournalOfAsync(actor);
        Assert.Equal(Ascending(20), Versions(rows));
        Assert.Equal(Ascending(20), Amounts(rows).Order());
        Assert.Equal(new CounterReading(Ascending(20).Sum(), 20), await counter.GetAsync());
    }
}
