using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;

namespace Actors.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IJournalStore"/> must have. Each store runs this suite through a subclass
/// that supplies an initialized store; each test makes its own actors, so tests share a store safely.
/// </summary>
public abstract partial class JournalStoreConformanceTests(IJournalStore store)
{
    /// <summary>Whole microseconds plus a sub-microsecond remainder the stores must drop.</summary>
    protected static readonly DateTimeOffset BaseTime = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero).AddTicks(5_358_979);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    protected IJournalStore Store { get; } = store;

    /// <summary>Every awaited call gives up after a minute instead of hanging the run.</summary>
    protected CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task Appended_mutation_set_reads_back_exactly()
    {
        var actor = NewActor();
        var set = MutationSet(actor, 1) with
        {
            Operation = "CREATE",
            Reason = "because",
            Events = """[ {"type": "Order.Created", "data": {"b": 2, "a": [1, 2.5, null, true], "c": {"z": "", "y": {}}}} ]""",
            Metadata = """{"commands": [{"type": "create", "fields": {"total": "12.30"}}], "source": "test"}""",
        };

        var globalVersion = await Store.AppendAsync(new AppendRequest(set), Ct);

        var read = Assert.Single(await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct));
        AssertSameMutationSet(set, read);
        Assert.Equal(globalVersion, read.GlobalVersion);
        Assert.True(globalVersion > 0);
    }

    [Fact]
    public async Task Versions_are_contiguous_and_GetVersion_reports_the_newest()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 5);

        var sets = await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct);

        Assert.Equal([1L, 2, 3, 4, 5], sets.Select(s => s.Version));
        Assert.Equal(5, await Store.GetVersionAsync(actor, Ct));
    }

    [Fact]
    public async Task Appending_a_version_that_skips_one_is_refused_and_writes_nothing()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync(new AppendRequest(MutationSet(actor, 3)), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync(new AppendRequest(MutationSet(NewActor(), 2)), Ct));

        Assert.Equal(1, await Store.GetVersionAsync(actor, Ct));
    }

    [Fact]
    public async Task Appending_a_taken_version_conflicts_and_leaves_nothing_behind()
    {
        var actor = NewActor();
        var first = MutationSet(actor, 1);
        await Store.AppendAsync(new AppendRequest(first), Ct);

        var loser = new AppendRequest(
            MutationSet(actor, 1),
            new SnapshotRecord(actor, 1, """{"status":"loser"}"""),
            new IdempotencyRecord("key-of-loser", "hash", 1, """{"ok":true}"""));
        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(loser, Ct));

        Assert.Equal(actor, conflict.Actor);
        Assert.Equal(1, conflict.Version);
        AssertSameMutationSet(first, Assert.Single(await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct)));
        Assert.Null(await Store.FindSnapshotAsync(actor, long.MaxValue, Ct));
        Assert.Null(await Store.FindIdempotencyAsync(actor, "key-of-loser", Ct));
        Assert.Null(await Store.FindCheckpointAsync(actor, loser.MutationSet.CheckpointId, Ct));
    }

    [Fact]
    public async Task Appending_an_older_version_conflicts()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 3);

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(new AppendRequest(MutationSet(actor, 2)), Ct));

        Assert.Equal(2, conflict.Version);
        Assert.Equal(3, await Store.GetVersionAsync(actor, Ct));
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_conflicts_and_leaves_nothing_behind()
    {
        var actor = NewActor();
        var first = new IdempotencyRecord("key-1", "hash-1", 1, """{"version":1}""");
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 1), Idempotency: first), Ct);

        var second = new AppendRequest(
            MutationSet(actor, 2),
            new SnapshotRecord(actor, 2, """{"n":2}"""),
            new IdempotencyRecord("key-1", "hash-2", 2, """{"version":2}"""));
        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(second, Ct));

        Assert.Equal(actor, conflict.Actor);
        Assert.Equal(2, conflict.Version);
        Assert.Equal(1, await Store.GetVersionAsync(actor, Ct));
        Assert.Null(await Store.FindSnapshotAsync(actor, long.MaxValue, Ct));
        Assert.Equal(first, await Store.FindIdempotencyAsync(actor, "key-1", Ct));
    }

    [Fact]
    public async Task Idempotency_record_reads_back_exactly_and_belongs_to_one_actor()
    {
        var actor = NewActor();
        var other = NewActor();
        var record = new IdempotencyRecord("Idem-Key:🔑", "sha256:abc", 1, """{ "results": [ {"ok": true} ],  "version": 1 }""");
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 1), Idempotency: record), Ct);
        await Store.AppendAsync(new AppendRequest(MutationSet(other, 1), Idempotency: record), Ct);

        // The first answer is replayed as it was sent, so it is kept byte for byte.
        Assert.Equal(record, await Store.FindIdempotencyAsync(actor, record.Key, Ct));
        Assert.Equal(record, await Store.FindIdempotencyAsync(other, record.Key, Ct));
        Assert.Null(await Store.FindIdempotencyAsync(actor, "another-key", Ct));
    }

    [Fact]
    public async Task Concurrent_appends_of_one_version_have_exactly_one_winner()
    {
        var actor = NewActor();
        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            try
            {
                var request = new AppendRequest(
                    MutationSet(actor, 1) with { Principal = $"writer-{i}" },
                    new SnapshotRecord(actor, 1, $$"""{"writer":{{i}}}"""),
                    new IdempotencyRecord($"key-{i}", "hash", 1, "{}"));
                await Store.AppendAsync(request, Ct);
                return i;
            }
            catch (VersionConflictException)
            {
                return -1;
            }
        }));

        var results = await Task.WhenAll(attempts).WaitAsync(Ct);

        var winner = Assert.Single(results, r => r >= 0);
        var stored = Assert.Single(await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct));
        Assert.Equal($"writer-{winner}", stored.Principal);
        JsonAssert.Equivalent($$"""{"writer":{{winner}}}""", (await Store.FindSnapshotAsync(actor, 1, Ct))!.State);
        Assert.NotNull(await Store.FindIdempotencyAsync(actor, $"key-{winner}", Ct));
        Assert.Null(await Store.FindIdempotencyAsync(actor, $"key-{(winner + 1) % 32}", Ct));
    }

    [Fact]
    public async Task Concurrent_appends_to_different_actors_all_commit()
    {
        var actors = Enumerable.Range(0, 16).Select(_ => NewActor()).ToArray();

        var globalVersions = await Task.WhenAll(actors.Select(actor => Task.Run(async () =>
        {
            var taken = new List<long>();
            for (var version = 1; version <= 5; version++)
            {
                taken.Add(await Store.AppendAsync(new AppendRequest(MutationSet(actor, version)), Ct));
            }

            return taken;
        }))).WaitAsync(Ct);

        foreach (var actor in actors)
        {
            Assert.Equal(5, await Store.GetVersionAsync(actor, Ct));
        }

        var all = globalVersions.SelectMany(g => g).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task Global_versions_increase_strictly_across_actors()
    {
        var a = NewActor();
        var b = NewActor("payment");
        var taken = new List<long>
        {
            await Store.AppendAsync(new AppendRequest(MutationSet(a, 1)), Ct),
            await Store.AppendAsync(new AppendRequest(MutationSet(b, 1)), Ct),
            await Store.AppendAsync(new AppendRequest(MutationSet(a, 2)), Ct),
            await Store.AppendAsync(new AppendRequest(MutationSet(b, 2)), Ct),
            await Store.AppendAsync(new AppendRequest(MutationSet(b, 3)), Ct),
        };

        Assert.All(taken.Zip(taken.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} after {pair.First}"));
        var read = (await Store.ReadAsync(a, 0, 10, 10, Ct)).Concat(await Store.ReadAsync(b, 0, 10, 10, Ct));
        Assert.Equal(taken.Order(), read.Select(s => s.GlobalVersion).Order());
    }

    [Fact]
    public async Task Ping_is_true()
    {
        Assert.True(await Store.PingAsync(Ct));
    }

    [Fact]
    public async Task Initialize_again_and_concurrently_is_harmless()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 2);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.InitializeAsync(Ct))).WaitAsync(Ct);

        Assert.Equal(2, await Store.GetVersionAsync(actor, Ct));
    }

    protected static ActorKey NewActor(string type = "order") => new(type, $"t-{Guid.NewGuid():N}");

    protected static MutationSetRecord MutationSet(ActorKey actor, long version, DateTimeOffset? at = null) => new(
        actor,
        version,
        Guid.NewGuid(),
        at ?? BaseTime.AddSeconds(version),
        Principal: "alice",
        Operation: version == 1 ? "CREATE" : "UPDATE",
        Events: $$$"""[{"type":"Order.TagAdded","data":{"tag":"t{{{version}}}"}}]""",
        Metadata: """{"commands":[{"type":"addTag"}]}""",
        Reason: null);

    /// <summary>Appends versions 1..<paramref name="count"/>, one second apart from <see cref="BaseTime"/>.</summary>
    protected async Task<IReadOnlyList<MutationSetRecord>> AppendVersionsAsync(ActorKey actor, int count)
    {
        var sets = new List<MutationSetRecord>();
        for (var version = 1; version <= count; version++)
        {
            var set = MutationSet(actor, version);
            var globalVersion = await Store.AppendAsync(new AppendRequest(set), Ct);
            sets.Add(set with { GlobalVersion = globalVersion });
        }

        return sets;
    }

    /// <summary>Equal field by field, JSON by meaning, the timestamp truncated to whole microseconds in UTC.</summary>
    protected static void AssertSameMutationSet(MutationSetRecord expected, MutationSetRecord actual)
    {
        Assert.Equal(expected.Actor, actual.Actor);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.CheckpointId, actual.CheckpointId);
        Assert.Equal(TruncateToMicroseconds(expected.Timestamp), actual.Timestamp);
        Assert.Equal(TimeSpan.Zero, actual.Timestamp.Offset);
        Assert.Equal(expected.Principal, actual.Principal);
        Assert.Equal(expected.Operation, actual.Operation);
        Assert.Equal(expected.Reason, actual.Reason);
        JsonAssert.Equivalent(expected.Events, actual.Events);
        JsonAssert.Equivalent(expected.Metadata, actual.Metadata);
        if (expected.GlobalVersion != 0)
        {
            Assert.Equal(expected.GlobalVersion, actual.GlobalVersion);
        }
    }

    protected static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
