using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.Storage.Tests;

public abstract partial class JournalStoreConformanceTests
{
    [Fact]
    public async Task Read_returns_the_range_ascending_and_honours_the_limit()
    {
        var actor = NewActor();
        var sets = await AppendVersionsAsync(actor, 10);

        Assert.Equal([3L, 4, 5], (await Store.ReadAsync(actor, 2, 8, 3, Ct)).Select(s => s.Version));
        Assert.Equal([6L, 7, 8], (await Store.ReadAsync(actor, 5, 8, 100, Ct)).Select(s => s.Version));
        Assert.Equal([9L, 10], (await Store.ReadAsync(actor, 8, long.MaxValue, 100, Ct)).Select(s => s.Version));
        Assert.Empty(await Store.ReadAsync(actor, 10, long.MaxValue, 100, Ct));
        Assert.Empty(await Store.ReadAsync(actor, 5, 5, 100, Ct));
        AssertSameMutationSet(sets[6], Assert.Single(await Store.ReadAsync(actor, 6, 7, 100, Ct)));
    }

    [Fact]
    public async Task Find_checkpoint_returns_the_mutation_set_with_that_id()
    {
        var actor = NewActor();
        var sets = await AppendVersionsAsync(actor, 3);

        var found = await Store.FindCheckpointAsync(actor, sets[1].CheckpointId, Ct);

        Assert.NotNull(found);
        AssertSameMutationSet(sets[1], found);
        Assert.Null(await Store.FindCheckpointAsync(actor, Guid.NewGuid(), Ct));
        Assert.Null(await Store.FindCheckpointAsync(NewActor(), sets[1].CheckpointId, Ct));
    }

    [Fact]
    public async Task Find_at_or_before_returns_the_newest_mutation_set_committed_by_then()
    {
        var actor = NewActor();
        var t1 = BaseTime;
        var t2 = BaseTime.AddSeconds(1).AddTicks(10);
        var t3 = BaseTime.AddSeconds(2);
        foreach (var (version, at) in new[] { (1L, t1), (2L, t2), (3L, t3) })
        {
            await Store.AppendAsync(new AppendRequest(MutationSet(actor, version, at)), Ct);
        }

        var microsecond = TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond);
        Assert.Null(await Store.FindAtOrBeforeAsync(actor, TruncateToMicroseconds(t1) - microsecond, Ct));
        Assert.Equal(1, (await Store.FindAtOrBeforeAsync(actor, t1, Ct))?.Version);
        Assert.Equal(1, (await Store.FindAtOrBeforeAsync(actor, TruncateToMicroseconds(t2) - microsecond, Ct))?.Version);
        Assert.Equal(2, (await Store.FindAtOrBeforeAsync(actor, TruncateToMicroseconds(t2), Ct))?.Version);
        Assert.Equal(2, (await Store.FindAtOrBeforeAsync(actor, TruncateToMicroseconds(t3) - microsecond, Ct))?.Version);
        Assert.Equal(3, (await Store.FindAtOrBeforeAsync(actor, t3, Ct))?.Version);
        Assert.Equal(3, (await Store.FindAtOrBeforeAsync(actor, t3.AddHours(1), Ct))?.Version);
        Assert.Equal(3, (await Store.FindAtOrBeforeAsync(actor, t3.ToOffset(TimeSpan.FromHours(-7)), Ct))?.Version);
        Assert.Null(await Store.FindAtOrBeforeAsync(NewActor(), t3.AddHours(1), Ct));
    }

    [Fact]
    public async Task Find_snapshot_returns_the_newest_at_or_before_the_version()
    {
        var actor = NewActor();
        for (var version = 1; version <= 5; version++)
        {
            var snapshot = version is 2 or 4 ? new SnapshotRecord(actor, version, $$"""{"version":{{version}},"tags":["a","b"]}""") : null;
            await Store.AppendAsync(new AppendRequest(MutationSet(actor, version), snapshot), Ct);
        }

        Assert.Null(await Store.FindSnapshotAsync(actor, 1, Ct));
        Assert.Equal(2, (await Store.FindSnapshotAsync(actor, 2, Ct))?.Version);
        Assert.Equal(2, (await Store.FindSnapshotAsync(actor, 3, Ct))?.Version);
        var newest = await Store.FindSnapshotAsync(actor, long.MaxValue, Ct);
        Assert.NotNull(newest);
        Assert.Equal(actor, newest.Actor);
        Assert.Equal(4, newest.Version);
        JsonAssert.Equivalent("""{"tags":["a","b"],"version":4}""", newest.State);
    }

    [Fact]
    public async Task Snapshot_of_an_earlier_version_may_be_appended_later()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 2);

        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 3), new SnapshotRecord(actor, 2, """{"at":2}""")), Ct);

        Assert.Equal(2, (await Store.FindSnapshotAsync(actor, 3, Ct))?.Version);
    }

    [Fact]
    public async Task Unknown_actor_has_version_zero_and_nothing_to_read()
    {
        var actor = NewActor();

        Assert.Equal(0, await Store.GetVersionAsync(actor, Ct));
        Assert.Empty(await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct));
        Assert.Null(await Store.FindSnapshotAsync(actor, long.MaxValue, Ct));
        Assert.Null(await Store.FindIdempotencyAsync(actor, "key", Ct));
        Assert.Null(await Store.FindAtOrBeforeAsync(actor, DateTimeOffset.MaxValue, Ct));
    }

    [Fact]
    public async Task Actors_of_different_types_with_one_id_are_separate()
    {
        var order = NewActor("order");
        var payment = order with { Type = "payment" };
        await AppendVersionsAsync(order, 3);

        Assert.Equal(0, await Store.GetVersionAsync(payment, Ct));
        await Store.AppendAsync(new AppendRequest(MutationSet(payment, 1)), Ct);
        Assert.Equal(3, await Store.GetVersionAsync(order, Ct));
        Assert.Equal(1, await Store.GetVersionAsync(payment, Ct));
    }

    [Fact]
    public async Task Timestamps_round_trip_to_the_microsecond_in_utc()
    {
        var actor = NewActor();
        // 7 ticks past a whole microsecond, in a non-UTC offset: the store keeps the instant to the microsecond.
        var at = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(5.5)).AddTicks(9_999_997);
        var set = MutationSet(actor, 1, at);

        await Store.AppendAsync(new AppendRequest(set), Ct);

        var read = Assert.Single(await Store.ReadAsync(actor, 0, 1, 1, Ct));
        Assert.Equal(at.UtcTicks - 7, read.Timestamp.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.Timestamp.Offset);
        Assert.Equal(1, (await Store.FindAtOrBeforeAsync(actor, read.Timestamp, Ct))?.Version);
    }

    [Fact]
    public async Task Text_with_unicode_quotes_and_escapes_survives()
    {
        var actor = NewActor();
        const string awkward = "Zoë \"the admin\" O'Brien — 管理者 🚀 \\ back\\slash\ttab\nnew line; drop table x; --";
        var set = MutationSet(actor, 1) with
        {
            Principal = awkward,
            Reason = awkward,
            Operation = "UPDATE",
            Events = """[{"type":"Order.NoteAdded","data":{"note":"Zoë \"quoted\" 'single' \\ \u00e9 \ud83d\ude80 管理者\n","emoji":"🚀"}}]""",
            Metadata = """{"commands":[{"type":"note","text":"it's \"fine\""}],"ключ":"значение"}""",
        };
        var snapshot = new SnapshotRecord(actor, 1, """{"note":"Zoë \"quoted\" 🚀","path":"C:\\temp"}""");
        var idempotency = new IdempotencyRecord("ключ-🔑", awkward, 1, """{"message":"Zoë \"quoted\" 🚀"}""");

        await Store.AppendAsync(new AppendRequest(set, snapshot, idempotency), Ct);

        AssertSameMutationSet(set, Assert.Single(await Store.ReadAsync(actor, 0, 1, 10, Ct)));
        JsonAssert.Equivalent(snapshot.State, (await Store.FindSnapshotAsync(actor, 1, Ct))!.State);
        Assert.Equal(idempotency, await Store.FindIdempotencyAsync(actor, idempotency.Key, Ct));
    }

    [Fact]
    public async Task Catch_up_reads_of_many_actors_at_once_each_get_their_own_sets_after_their_version()
    {
        var actors = Enumerable.Range(0, 30).Select(_ => NewActor()).ToList();
        var written = new Dictionary<ActorKey, IReadOnlyList<MutationSetRecord>>();
        foreach (var (actor, i) in actors.Select((a, i) => (a, i)))
        {
            written[actor] = await AppendVersionsAsync(actor, 1 + i % 4);
        }

        var after = actors.ToDictionary(a => a, a => (long)(actors.IndexOf(a) % 3));
        var tails = await Task.WhenAll(actors.Select(a => Store.ReadTailAsync(a, after[a], Ct)));

        foreach (var (actor, tail) in actors.Zip(tails))
        {
            var expected = written[actor].Where(s => s.Version > after[actor]).ToList();
            Assert.Equal(expected.Count, tail.Count);
            foreach (var (e, a) in expected.Zip(tail))
            {
                AssertSameMutationSet(e, a);
            }
        }

        Assert.Empty(await Store.ReadTailAsync(NewActor(), 0, Ct));
    }

    [Fact]
    public async Task A_rebuild_source_is_the_newest_snapshot_at_or_before_the_version_and_the_sets_from_its_own_on()
    {
        var actor = NewActor();
        var sets = new List<MutationSetRecord>();
        for (var version = 1; version <= 7; version++)
        {
            var set = MutationSet(actor, version);
            var snapshot = version is 3 or 6 ? new SnapshotRecord(actor, version, $$$"""{"at":{{{version}}}}""") : null;
            sets.Add(set with { GlobalVersion = await Store.AppendAsync(new AppendRequest(set, snapshot), Ct) });
        }

        var upTo5 = await Store.ReadForRebuildAsync(actor, 5, Ct);
        var upTo2 = await Store.ReadForRebuildAsync(actor, 2, Ct);
        var head = await Store.ReadForRebuildAsync(actor, long.MaxValue, Ct);
        var nobody = await Store.ReadForRebuildAsync(NewActor(), long.MaxValue, Ct);

        Assert.Equal(3, upTo5.Snapshot?.Version);
        JsonAssert.Equivalent("""{"at":3}""", upTo5.Snapshot!.State);
        Assert.Equal([3L, 4L, 5L], upTo5.Sets.Select(s => s.Version));
        AssertSameMutationSet(sets[3], upTo5.Sets[1]);
        Assert.Null(upTo2.Snapshot);
        Assert.Equal([1L, 2L], upTo2.Sets.Select(s => s.Version));
        Assert.Equal(6, head.Snapshot?.Version);
        Assert.Equal([6L, 7L], head.Sets.Select(s => s.Version));
        Assert.Null(nobody.Snapshot);
        Assert.Empty(nobody.Sets);
    }
}
