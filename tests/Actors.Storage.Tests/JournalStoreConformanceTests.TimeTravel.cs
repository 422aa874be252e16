using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.Storage.Tests;

public abstract partial class JournalStoreConformanceTests
{
    [Fact]
    public async Task Global_version_is_the_newest_and_as_of_a_time_that_of_the_newest_set_committed_by_then()
    {
        // Long before every other test's timestamps, so only this test's sets are at or before these times.
        var t1 = new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(7);
        var t2 = t1.AddSeconds(1);
        var t3 = t1.AddSeconds(2);
        var a = NewActor();
        var b = NewActor("payment");
        var g1 = await Store.AppendAsync(new AppendRequest(MutationSet(a, 1, t1)), Ct);
        var g2 = await Store.AppendAsync(new AppendRequest(MutationSet(b, 1, t2)), Ct);
        var g3 = await Store.AppendAsync(new AppendRequest(MutationSet(a, 2, t3)), Ct);

        var microsecond = TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond);
        Assert.Null(await Store.GetGlobalVersionAsync(TruncateToMicroseconds(t1) - microsecond, Ct));
        Assert.Equal(g1, await Store.GetGlobalVersionAsync(t1, Ct));
        Assert.Equal(g1, await Store.GetGlobalVersionAsync(TruncateToMicroseconds(t2) - microsecond, Ct));
        Assert.Equal(g2, await Store.GetGlobalVersionAsync(t2.ToOffset(TimeSpan.FromHours(3)), Ct));
        Assert.Equal(g3, await Store.GetGlobalVersionAsync(t3.AddYears(1), Ct));

        var newest = await Store.AppendAsync(new AppendRequest(MutationSet(b, 2)), Ct);
        Assert.Equal(newest, await Store.GetGlobalVersionAsync(null, Ct));
    }

    [Fact]
    public async Task Find_at_or_before_global_version_returns_the_actor_as_it_was_then()
    {
        var actor = NewActor();
        var other = NewActor();
        var g1 = await Store.AppendAsync(new AppendRequest(MutationSet(actor, 1)), Ct);
        var otherG1 = await Store.AppendAsync(new AppendRequest(MutationSet(other, 1)), Ct);
        var g2 = await Store.AppendAsync(new AppendRequest(MutationSet(actor, 2)), Ct);
        var g3 = await Store.AppendAsync(new AppendRequest(MutationSet(actor, 3)), Ct);

        Assert.Null(await Store.FindAtOrBeforeGlobalVersionAsync(actor, g1 - 1, Ct));
        Assert.Equal(1, (await Store.FindAtOrBeforeGlobalVersionAsync(actor, g1, Ct))?.Version);
        Assert.Equal(1, (await Store.FindAtOrBeforeGlobalVersionAsync(actor, otherG1, Ct))?.Version);
        var second = await Store.FindAtOrBeforeGlobalVersionAsync(actor, g3 - 1, Ct);
        Assert.NotNull(second);
        Assert.Equal(2, second.Version);
        Assert.Equal(g2, second.GlobalVersion);
        Assert.Equal(actor, second.Actor);
        Assert.Equal(3, (await Store.FindAtOrBeforeGlobalVersionAsync(actor, long.MaxValue, Ct))?.Version);
        Assert.Equal(1, (await Store.FindAtOrBeforeGlobalVersionAsync(other, long.MaxValue, Ct))?.Version);
        Assert.Null(await Store.FindAtOrBeforeGlobalVersionAsync(NewActor(), long.MaxValue, Ct));
    }

    [Fact]
    public async Task Actor_ids_of_a_type_are_listed_once_each_in_ordinal_order_and_paged_by_the_last_id()
    {
        var type = NewType();
        // Upper case sorts before lower case and digits before letters in ordinal order, unlike in most locales.
        string[] ids = ["b", "a", "c-2", "c-10", "A", "Z", "_x", "0", "a.b", "a:b"];
        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            await AppendVersionsAsync(new ActorKey(type, id), 1 + (index % 3));
        }

        await AppendVersionsAsync(new ActorKey(NewType(), "aa"), 1);
        await AppendVersionsAsync(new ActorKey(type + "x", "ab"), 1);
        var expected = ids.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, await Store.ListActorIdsAsync(type, null, 100, Ct));
        var paged = new List<string>();
        string? after = null;
        while (await Store.ListActorIdsAsync(type, after, 3, Ct) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 3);
            paged.AddRange(page);
            after = page[^1];
        }

        Assert.Equal(expected, paged);
        Assert.Equal(["_x", "a"], await Store.ListActorIdsAsync(type, "Zz", 2, Ct));
        Assert.Empty(await Store.ListActorIdsAsync(type, "c-2", 10, Ct));
        Assert.Empty(await Store.ListActorIdsAsync(NewType(), null, 10, Ct));
    }

    /// <summary>An actor type no other test uses, for tests that read across the actors of a type.</summary>
    protected static string NewType() => $"type-{Guid.NewGuid():N}";
}
