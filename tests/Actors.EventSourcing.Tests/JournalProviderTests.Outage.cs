using Actors.Abstractions.Errors;
using Actors.EventSourcing.Tests.Counters;

namespace Actors.EventSourcing.Tests;

public abstract partial class JournalProviderTests
{
    [Fact]
    public async Task An_append_during_an_outage_fails_promptly_and_never_lands_later()
    {
        var (counter, actor) = await CounterWithAsync([1]);
        var before = Store.WorkOn(actor);

        using (cluster.CutJournal())
        {
            // WaitAsync turns a hang into a TimeoutException, which is not the exception expected here either.
            await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.TryAddAsync(5).WaitAsync(Patience));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.AddAsync(6).WaitAsync(Patience));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.GetAsync().WaitAsync(Patience));

            // The activation is not stuck behind a retry loop: it still answers what needs no journal.
            Assert.Equal(new CounterReading(1, 1), await counter.PeekAsync().WaitAsync(Patience));
        }

        // A provider that kept the failed entries to retry them (Orleans' own do) would write them before this append, or at
        // the latest when RefreshNow confirms what is queued; then the activation, and anything it still held, is gone.
        Assert.True(await counter.TryAddAsync(7).WaitAsync(Patience));
        Assert.Equal(new CounterReading(8, 2), await counter.GetAsync().WaitAsync(Patience));
        await cluster.Cluster.DeactivateAsync(counter);

        var rows = await JournalOfAsync(actor);
        Assert.Equal([1L, 2L], Versions(rows));
        Assert.Equal([1L, 7L], Amounts(rows));
        Assert.Equal(new CounterReading(8, 2), await counter.GetAsync().WaitAsync(Patience));

        // At most one attempt per call that asked for a write: nothing was retried behind the callers' backs.
        Assert.InRange((Store.WorkOn(actor) - before).Appends, 1, 3);
    }

    [Fact]
    public async Task A_read_after_an_outage_reflects_what_the_journal_holds()
    {
        var (counter, actor) = await CounterWithAsync([1]);

        using (cluster.CutJournal())
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.GetAsync().WaitAsync(Patience));

            // The journal moves on where this silo cannot see it.
            await OtherWriterAppendsAsync(actor, 2, 10);
        }

        Assert.Equal(new CounterReading(11, 2), await counter.GetAsync().WaitAsync(Patience));
        Assert.True(await counter.TryAddAsync(5).WaitAsync(Patience));
        var journal = Amounts(await JournalOfAsync(actor));
        Assert.Equal([1L, 10L, 5L], journal);
    }

    [Fact]
    public async Task An_append_whose_answer_was_lost_is_found_in_the_journal_before_the_next_append()
    {
        var (counter, actor) = await CounterWithAsync([1]);
        Store.AfterAppend = request => request.MutationSet.Actor == actor
            ? throw new StorageUnavailableException("The connection broke after COMMIT was sent.")
            : Task.CompletedTask;
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.TryAddAsync(5).WaitAsync(Patience));
        }
        finally
        {
            Store.AfterAppend = null;
        }

        // The write committed although the caller was told it failed. The next append reads the journal first and goes on
        // top of it: it neither loses the race to its own write nor writes over it.
        Assert.True(await counter.TryAddAsync(7).WaitAsync(Patience));

        var rows = await JournalOfAsync(actor);
        Assert.Equal([1L, 2L, 3L], Versions(rows));
        Assert.Equal([1L, 5L, 7L], Amounts(rows));
        Assert.Equal(new CounterReading(13, 3), await counter.GetAsync().WaitAsync(Patience));
    }

    [Fact]
    public async Task A_counter_first_called_during_an_outage_fails_promptly_and_loads_once_the_journal_is_back()
    {
        var (counter, actor) = cluster.NewCounter();
        await OtherWriterAppendsAsync(actor, 1, 4);

        using (cluster.CutJournal())
        {
            // JournaledGrain loads the view while activating: the activation fails, and with it the call.
            await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.PeekAsync().WaitAsync(Patience));
        }

        Assert.Equal(new CounterReading(4, 1), await counter.PeekAsync().WaitAsync(Patience));
        Assert.True(await counter.TryAddAsync(1).WaitAsync(Patience));
    }
}
