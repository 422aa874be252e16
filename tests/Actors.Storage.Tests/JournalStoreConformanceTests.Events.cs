using System.Collections.Concurrent;
using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.Storage.Tests;

public abstract partial class JournalStoreConformanceTests
{
    [Fact]
    public async Task Events_across_actors_come_in_commit_order_and_each_cursor_resumes_after_its_set()
    {
        var type = NewType();
        var a = new ActorKey(type, "a");
        var b = new ActorKey(type, "b");
        var appended = new List<MutationSetRecord>();
        foreach (var (actor, version) in new[] { (a, 1L), (b, 1L), (a, 2L), (b, 2L), (b, 3L) })
        {
            var set = MutationSet(actor, version);
            appended.Add(set with { GlobalVersion = await Store.AppendAsync(new AppendRequest(set), Ct) });
        }

        var all = await ReadAllEventsAsync(EventsOf(type) with { Limit = 2 });

        Assert.Equal(appended.Count, all.Count);
        foreach (var (expected, actual) in appended.Zip(all))
        {
            AssertSameMutationSet(expected, actual.MutationSet);
        }

        var fromThird = await Store.ReadEventsAsync(EventsOf(type) with { Cursor = all[2].CursorAfter }, Ct);
        Assert.Equal(appended.Skip(3).Select(s => s.GlobalVersion), fromThird.Entries.Select(e => e.MutationSet.GlobalVersion));
        Assert.Equal(all[^1].CursorAfter, fromThird.Entries[^1].CursorAfter);
        Assert.Empty((await Store.ReadEventsAsync(EventsOf(type) with { Cursor = all[^1].CursorAfter }, Ct)).Entries);
    }

    [Fact]
    public async Task Events_are_filtered_by_event_type_actor_principal_and_time()
    {
        var type = NewType();
        var a = new ActorKey(type, "a");
        var b = new ActorKey(type, "b");
        var t0 = BaseTime;
        var sets = new[]
        {
            MutationSet(a, 1, t0) with { Events = """[{"type":"Order.Created","data":{}}]""" },
            MutationSet(a, 2, t0.AddSeconds(1)) with { Principal = "bob", Events = """[{"type":"Order.TagAdded","data":{"type":"Order.Paid"}},{"type":"Order.Paid","data":{}}]""" },
            MutationSet(b, 1, t0.AddSeconds(2)) with { Events = """[{"type":"Order.Created","data":{}},{"type":"Order.TagAdded","data":{}}]""" },
            MutationSet(b, 2, t0.AddSeconds(3)) with { Principal = "bob", Events = """[{"type":"Order.Paid","data":{}}]""" },
        };
        var globalVersions = new List<long>();
        foreach (var set in sets)
        {
            globalVersions.Add(await Store.AppendAsync(new AppendRequest(set), Ct));
        }

        async Task<IReadOnlyList<int>> IndexesAsync(EventQuery query) =>
            [.. (await ReadAllEventsAsync(query)).Select(e => globalVersions.IndexOf(e.MutationSet.GlobalVersion))];

        var all = EventsOf(type);
        Assert.Equal([0, 1, 2, 3], await IndexesAsync(all));
        Assert.Equal([0, 2], await IndexesAsync(all with { EventType = "Order.Created" }));
        Assert.Equal([1, 3], await IndexesAsync(all with { EventType = "Order.Paid" }));
        Assert.Equal([1, 2], await IndexesAsync(all with { EventType = "Order.TagAdded" }));
        Assert.Empty(await IndexesAsync(all with { EventType = "Order" }));
        Assert.Empty(await IndexesAsync(all with { EventType = "order.paid" }));
        Assert.Equal([2, 3], await IndexesAsync(all with { ActorId = "b" }));
        Assert.Equal([1, 3], await IndexesAsync(all with { Principal = "bob" }));
        Assert.Equal([3], await IndexesAsync(all with { Principal = "bob", ActorId = "b", EventType = "Order.Paid" }));
        Assert.Equal([1, 2], await IndexesAsync(all with { After = t0.AddSeconds(1), Before = TruncateToMicroseconds(t0.AddSeconds(3)) }));
        Assert.Equal([2, 3], await IndexesAsync(all with { After = t0.AddSeconds(2).ToOffset(TimeSpan.FromHours(-5)) }));
        Assert.Equal([0], await IndexesAsync(all with { Before = TruncateToMicroseconds(t0.AddSeconds(1)) }));

        // Without an actor type: this test's actors are the only ones with these principals and event type.
        var principal = $"carol-{Guid.NewGuid():N}";
        var eventType = $"Order.Unique{Guid.NewGuid():N}";
        var c = NewActor();
        await Store.AppendAsync(new AppendRequest(MutationSet(c, 1) with { Principal = principal }), Ct);
        var g = await Store.AppendAsync(new AppendRequest(MutationSet(c, 2) with { Principal = principal, Events = $$$"""[{"type":"{{{eventType}}}","data":{}}]""" }), Ct);
        var query = new EventQuery(null, null, null, principal, null, null, 10, null);
        Assert.Equal(2, (await ReadAllEventsAsync(query)).Count);
        var byType = Assert.Single(await ReadAllEventsAsync(query with { Principal = null, EventType = eventType }));
        Assert.Equal(g, byType.MutationSet.GlobalVersion);
        Assert.Equal(c, byType.MutationSet.Actor);
    }

    [Fact]
    public async Task Event_pages_neither_skip_nor_repeat_a_set_while_writes_go_on()
    {
        var type = NewType();
        var writers = Enumerable.Range(0, 8).Select(i => new ActorKey(type, $"w{i}")).ToArray();
        var committed = new ConcurrentBag<long>();
        var writing = Task.WhenAll(writers.Select(actor => Task.Run(async () =>
        {
            for (var version = 1; version <= 25; version++)
            {
                committed.Add(await Store.AppendAsync(new AppendRequest(MutationSet(actor, version)), Ct));
            }
        })));

        // Page through while the writers run, a few sets at a time, then read what is left once they are done.
        var seen = new List<long>();
        string? cursor = null;
        async Task ReadPageAsync()
        {
            var page = await Store.ReadEventsAsync(EventsOf(type) with { Limit = 7, Cursor = cursor }, Ct);
            seen.AddRange(page.Entries.Select(e => e.MutationSet.GlobalVersion));
            cursor = page.Entries.Count > 0 ? page.Entries[^1].CursorAfter : cursor;
        }

        while (!writing.IsCompleted)
        {
            await ReadPageAsync();
        }

        await writing.WaitAsync(Ct);
        await SettleAsync();
        int before;
        do
        {
            before = seen.Count;
            await ReadPageAsync();
        }
        while (seen.Count > before);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(committed.Order(), seen.Order());
    }

    [Fact]
    public async Task Events_refuse_a_cursor_the_store_did_not_hand_out()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadEventsAsync(EventsOf(NewType()) with { Cursor = "not a cursor" }, Ct));
    }

    protected static EventQuery EventsOf(string actorType) => new(null, actorType, null, null, null, null, 100, null);

    /// <summary>
    /// Waits until every set committed before the call is visible to <see cref="IJournalStore.ReadEventsAsync"/>.
    /// A store may hold back the newest sets for a moment (PostgreSQL does while an older transaction runs).
    /// </summary>
    protected virtual Task SettleAsync() => Task.CompletedTask;

    /// <summary>Every page of <paramref name="query"/>, from its cursor on, once every set committed so far is visible.</summary>
    protected async Task<IReadOnlyList<EventPageEntry>> ReadAllEventsAsync(EventQuery query)
    {
        await SettleAsync();
        var entries = new List<EventPageEntry>();
        var cursor = query.Cursor;
        while (await Store.ReadEventsAsync(query with { Cursor = cursor }, Ct) is { Entries.Count: > 0 } page)
        {
            Assert.True(page.Entries.Count <= query.Limit, $"{page.Entries.Count} entries, limit {query.Limit}");
            entries.AddRange(page.Entries);
            cursor = page.Entries[^1].CursorAfter;
        }

        Assert.Equal(entries.Count, entries.Select(e => e.MutationSet.GlobalVersion).Distinct().Count());
        return entries;
    }
}
