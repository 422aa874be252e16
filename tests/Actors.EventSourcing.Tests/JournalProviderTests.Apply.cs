using Actors.EventSourcing.Tests.Counters;

namespace Actors.EventSourcing.Tests;

public abstract partial class JournalProviderTests
{
    [Fact]
    public async Task An_entry_that_cannot_be_applied_is_never_persisted_and_fails_the_call()
    {
        var (counter, actor) = await CounterWithAsync([2]);
        var before = Store.WorkOn(actor);

        // TransitionState throws for these; the provider applies each to a copy of the view before it writes anything.
        await Assert.ThrowsAsync<InvalidOperationException>(() => counter.TryAddAsync(-5).WaitAsync(Patience));
        await Assert.ThrowsAsync<InvalidOperationException>(() => counter.AddAsync(-5).WaitAsync(Patience));

        Assert.Equal(0, (Store.WorkOn(actor) - before).Appends);
        var untouched = Amounts(await JournalOfAsync(actor));
        Assert.Equal([2L], untouched);
        Assert.Equal(new CounterReading(2, 1), await counter.PeekAsync());

        // The grain stays usable, and nothing of the refused entries is left to be confirmed later.
        Assert.True(await counter.TryAddAsync(-2).WaitAsync(Patience));
        Assert.Equal(new CounterReading(0, 2), await counter.GetAsync());
        var rows = Amounts(await JournalOfAsync(actor));
        Assert.Equal([2L, -2L], rows);
    }

    [Fact]
    public async Task An_entry_refused_when_raised_is_not_left_queued_to_fail_a_later_call()
    {
        var (counter, actor) = await CounterWithAsync([2]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => counter.RaiseAsync(-5).WaitAsync(Patience));

        // RefreshNow confirms whatever is queued: nothing is.
        Assert.Equal(new CounterReading(2, 1), await counter.GetAsync().WaitAsync(Patience));
        Assert.Equal(5, await counter.RaiseAsync(3).WaitAsync(Patience));
        Assert.Equal(new CounterReading(5, 2), await counter.GetAsync().WaitAsync(Patience));
        var rows = Amounts(await JournalOfAsync(actor));
        Assert.Equal([2L, 3L], rows);
    }

    [Fact]
    public async Task A_journal_row_the_grain_cannot_apply_fails_the_read_and_leaves_state_and_version_as_they_were()
    {
        var (counter, actor) = await CounterWithAsync([2]);
        await OtherWriterAppendsAsync(actor, 2, 10);
        await OtherWriterAppendsAsync(actor, 3, -100);

        await Assert.ThrowsAsync<InvalidOperationException>(() => counter.GetAsync().WaitAsync(Patience));

        // All of the catch-up or none of it: a version that does not match the state would be appended on next.
        Assert.Equal(new CounterReading(2, 1), await counter.PeekAsync());
    }
}
