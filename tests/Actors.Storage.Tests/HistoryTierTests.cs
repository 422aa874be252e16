using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.History;
using Actors.Tests.Shared;

namespace Actors.Storage.Tests;

/// <summary>
/// The archive tier and the tiered journal on each store: compaction that archives or prunes, every read below a
/// boundary answered from the archive (and saying so) or refused as pruned, and a compaction stopped after each of its
/// steps and run again that loses and duplicates nothing.
/// </summary>
public abstract class HistoryTierTests : IDisposable
{
    private static int _years;

    /// <summary>Long before any other test's sets, a year of its own for each test (they run one at a time per store).</summary>
    private readonly DateTimeOffset Start = new DateTimeOffset(1970, 1, 20, 8, 0, 0, TimeSpan.Zero).AddYears(Interlocked.Increment(ref _years));

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-archive-{Guid.NewGuid():N}");

    protected HistoryTierTests(IJournalStore hot)
    {
        Hot = hot;
        History = (IHistoryStore)hot;
        Archive = new HistoryArchive(_directory);
        Tiered = new TieredJournalStore(hot, History, Archive);
    }

    private IJournalStore Hot { get; }

    private IHistoryStore History { get; }

    private HistoryArchive Archive { get; }

    private TieredJournalStore Tiered { get; }

    private CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        _timeout.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Archived_history_reads_back_whole_from_both_tiers_and_says_the_archive_served_it()
    {
        var type = NewType();
        var actor = new ActorKey(type, "a");
        var sets = await AppendAsync(actor, 12);
        var feedBefore = await ReadFeedAsync(type, limit: 100, expected: 12);
        var globalVersionThen = await Hot.GetGlobalVersionAsync(sets[5].Timestamp, Ct);

        var page = await Compactor().CompactPageAsync(Request(type, cutoffDay: 9, archive: true), StateAt, Ct);

        Assert.Equal((1, 8L), (page.Actors, page.Sets));
        Assert.Equal([9L, 10, 11, 12], (await Hot.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Select(s => s.Version));
        Assert.Equal(new HistoryStart(1, sets[0].Timestamp, 9), await Tiered.GetHistoryStartAsync(actor, Ct));

        using (var scope = HistoryTier.Scope())
        {
            var all = await Tiered.ReadAsync(actor, 0, long.MaxValue, 100, Ct);
            Assert.Equal(sets.Select(s => (s.Version, s.CheckpointId, s.GlobalVersion)), all.Select(s => (s.Version, s.CheckpointId, s.GlobalVersion)));
            Assert.Equal(HistoryTier.Archive, scope.Tier);
        }

        using (var scope = HistoryTier.Scope())
        {
            Assert.Equal([10L, 11], (await Tiered.ReadAsync(actor, 9, 11, 100, Ct)).Select(s => s.Version));
            Assert.Equal(HistoryTier.Hot, scope.Tier);
        }

        Assert.Equal([3L, 4, 5], (await Tiered.ReadAsync(actor, 2, 5, 100, Ct)).Select(s => s.Version));
        Assert.Equal([7L, 8, 9, 10], (await Tiered.ReadAsync(actor, 6, long.MaxValue, 4, Ct)).Select(s => s.Version));
        Assert.Equal(sets[2].CheckpointId, (await Tiered.FindCheckpointAsync(actor, sets[2].CheckpointId, Ct))!.CheckpointId);
        Assert.Equal(3, (await Tiered.FindAtOrBeforeAsync(actor, sets[2].Timestamp.AddHours(1), Ct))!.Version);
        Assert.Null(await Tiered.FindAtOrBeforeAsync(actor, sets[0].Timestamp.AddHours(-1), Ct));
        Assert.Equal(5, (await Tiered.FindAtOrBeforeGlobalVersionAsync(actor, sets[4].GlobalVersion, Ct))!.Version);
        var rebuild = await Tiered.ReadForRebuildAsync(actor, 6, Ct);
        Assert.Equal(4, rebuild.Snapshot!.Version);
        Assert.Equal([4L, 5, 6], rebuild.Sets.Select(s => s.Version));
        Assert.Equal(globalVersionThen, await Tiered.GetGlobalVersionAsync(sets[5].Timestamp, Ct));

        // Events keep their order and cursors across the tiers, each set once, paged or not.
        Assert.Equal(feedBefore, await ReadFeedAsync(type, limit: 100, expected: 12));
        Assert.Equal(feedBefore, await ReadFeedAsync(type, limit: 5, expected: 12));
    }

    [Fact]
    public async Task Pruned_history_is_refused_with_where_history_starts_and_never_answered_in_part()
    {
        var type = NewType();
        var actor = new ActorKey(type, "a");
        var sets = await AppendAsync(actor, 10);

        await Compactor().CompactPageAsync(Request(type, cutoffDay: 7, archive: false), StateAt, Ct);

        Assert.Equal(new HistoryStart(7, sets[6].Timestamp, 7), await Tiered.GetHistoryStartAsync(actor, Ct));
        var pruned = await Assert.ThrowsAsync<HistoryPrunedException>(() => Tiered.ReadAsync(actor, 0, long.MaxValue, 100, Ct));
        Assert.Equal((7L, sets[6].Timestamp), (pruned.EarliestVersion, pruned.EarliestTimestamp));
        Assert.Contains("keeps history from version 7", pruned.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HistoryPrunedException>(() => Tiered.ReadAsync(actor, 2, 4, 100, Ct));
        await Assert.ThrowsAsync<HistoryPrunedException>(() => Tiered.ReadForRebuildAsync(actor, 3, Ct));
        await Assert.ThrowsAsync<HistoryPrunedException>(() => Tiered.FindAtOrBeforeAsync(actor, sets[2].Timestamp, Ct));
        await Assert.ThrowsAsync<HistoryPrunedException>(() => Tiered.FindAtOrBeforeGlobalVersionAsync(actor, sets[2].GlobalVersion, Ct));
        await Assert.ThrowsAsync<HistoryPrunedException>(() => Tiered.ReadEventsAsync(new EventQuery(null, type, null, null, null, null, 10, null), Ct));

        // Before the actor existed is still a plain "nothing"; from the boundary on everything is exact.
        Assert.Null(await Tiered.FindAtOrBeforeAsync(actor, sets[0].Timestamp.AddHours(-1), Ct));
        Assert.Equal([7L, 8, 9, 10], (await Tiered.ReadAsync(actor, 6, long.MaxValue, 100, Ct)).Select(s => s.Version));
        Assert.Equal(7, (await Tiered.ReadForRebuildAsync(actor, 7, Ct)).Snapshot!.Version);
        // The feed's hold-back on a busy shared PostgreSQL server (see ReadFeedAsync).
        var later = await Eventually.ReadUntilAsync(
            ct => Tiered.ReadEventsAsync(new EventQuery(null, type, null, null, sets[6].Timestamp, null, 10, null), ct),
            page => page.Entries.Count >= 4, TimeSpan.FromSeconds(10), "The feed holding the four sets after the boundary", Ct);

        Assert.Equal([7L, 8, 9, 10], later.Entries.Select(e => e.MutationSet.Version));
    }

    [Theory]
    [InlineData(CompactionStep.Written)]
    [InlineData(CompactionStep.Renamed)]
    [InlineData(CompactionStep.Verified)]
    [InlineData(CompactionStep.Listed)]
    [InlineData(CompactionStep.Recorded)]
    [InlineData(CompactionStep.Compacted)]
    public async Task A_compaction_stopped_after_any_step_and_run_again_loses_nothing_and_duplicates_nothing(CompactionStep stop)
    {
        var type = NewType();
        var actors = new[] { "a", "b", "c" }.Select(id => new ActorKey(type, id)).ToArray();
        var written = new Dictionary<ActorKey, IReadOnlyList<MutationSetRecord>>();
        foreach (var actor in actors)
        {
            // Days 0..39: the sets span two months, so each page writes two files.
            await AppendAsync(actor, 20, daysApart: 2);
            written[actor] = await Hot.ReadAsync(actor, 0, long.MaxValue, 100, Ct);
        }

        var feedBefore = await ReadFeedAsync(type, limit: 1000, expected: 60);
        var stopping = Compactor();
        stopping.AfterStep = step => step == stop ? throw new IOException($"stopped after {step}") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => stopping.CompactPageAsync(Request(type, cutoffDay: 31, archive: true), StateAt, Ct));

        await Compactor().CompactPageAsync(Request(type, cutoffDay: 31, archive: true), StateAt, Ct);
        await Compactor().CompactPageAsync(Request(type, cutoffDay: 31, archive: true), StateAt, Ct);

        foreach (var actor in actors)
        {
            var boundary = (await History.GetHistoryBoundaryAsync(actor, Ct))!;
            Assert.Equal((16L, 1L), (boundary.BoundaryVersion, boundary.EarliestVersion));
            Assert.Equal(
                written[actor].Select(s => (s.Version, s.CheckpointId, s.Events)),
                (await Tiered.ReadAsync(actor, 0, long.MaxValue, 1000, Ct)).Select(s => (s.Version, s.CheckpointId, s.Events)));
            Assert.Equal(Enumerable.Range(16, 5).Select(v => (long)v), (await Hot.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Select(s => s.Version));

            // Every archived version is in exactly one recorded range, and the hot journal holds none of them.
            var index = await History.ReadArchiveIndexAsync(actor, Ct);
            var archived = index.SelectMany(e => Enumerable.Range((int)e.FromVersion, (int)(e.ToVersion - e.FromVersion + 1))).Order().ToList();
            Assert.Equal(Enumerable.Range(1, 15), archived);
        }

        var recorded = await History.ListArchiveFilesAsync(type, Ct);
        var rows = new List<(string, long)>();
        foreach (var file in recorded)
        {
            rows.AddRange((await Archive.ReadFileAsync(file, Ct)).SelectMany(a => a.Sets.Select(s => (a.Actor.Id, s.Set.Version))));
            Assert.Contains(file.Path, await Archive.Manifest.ListAsync(type, Ct));
        }

        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(45, rows.Count);
        Assert.Equal(feedBefore, await ReadFeedAsync(type, limit: 7, expected: 60));
    }

    [Fact]
    public async Task Archiving_more_later_adds_files_and_pruning_after_archiving_drops_the_archived_part()
    {
        var type = NewType();
        var actor = new ActorKey(type, "a");
        var sets = await AppendAsync(actor, 12);
        await Compactor().CompactPageAsync(Request(type, cutoffDay: 5, archive: true), StateAt, Ct);
        await Compactor().CompactPageAsync(Request(type, cutoffDay: 9, archive: true), StateAt, Ct);

        Assert.Equal(2, (await History.ReadArchiveIndexAsync(actor, Ct)).Count);
        Assert.Equal(sets.Select(s => s.Version), (await Tiered.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Select(s => s.Version));

        await Compactor().CompactPageAsync(Request(type, cutoffDay: 11, archive: false), StateAt, Ct);

        Assert.Equal(new HistoryStart(11, sets[10].Timestamp, 11), await Tiered.GetHistoryStartAsync(actor, Ct));
        await Assert.ThrowsAsync<HistoryPrunedException>(() => Tiered.ReadAsync(actor, 0, long.MaxValue, 100, Ct));
        await Assert.ThrowsAsync<HistoryPrunedException>(() => Tiered.FindCheckpointAsync(actor, sets[1].CheckpointId, Ct));
    }

    private HistoryCompactor Compactor() => new(History, TimeProvider.System, Archive);

    private CompactionPageRequest Request(string type, int cutoffDay, bool archive) =>
        new(type, Start.AddDays(cutoffDay).AddHours(-1), archive, AfterId: null, Limit: 100, JobId: $"job{cutoffDay}", Page: 0);

    /// <summary>Stands in for the grain's rules: the snapshot of version v is <c>{"v":v}</c>.</summary>
    private static Task<string> StateAt(ActorKey actor, long version, CancellationToken cancellationToken) =>
        Task.FromResult($$"""{"v":{{version}}}""");

    private static string NewType() => $"t{Guid.NewGuid():N}"[..16];

    /// <summary>Versions 1..n, one a day (or <paramref name="daysApart"/>) from <see cref="Start"/>, a snapshot every fourth.</summary>
    private async Task<IReadOnlyList<MutationSetRecord>> AppendAsync(ActorKey actor, int count, int daysApart = 1)
    {
        var sets = new List<MutationSetRecord>();
        for (var version = 1; version <= count; version++)
        {
            var set = new MutationSetRecord(
                actor, version, Guid.CreateVersion7(Start.AddDays((version - 1) * daysApart)), Start.AddDays((version - 1) * daysApart), "alice",
                version == 1 ? "CREATE" : "UPDATE", $$$"""[{"type":"Order.TagAdded","data":{"key":"k{{{version}}}"}}]""", """{"commands":[]}""", null);
            var snapshot = version % 4 == 0 ? new SnapshotRecord(actor, version, $$"""{"v":{{version}}}""") : null;
            var globalVersion = await Hot.AppendAsync(new AppendRequest(set, snapshot), Ct);
            sets.Add(set with { GlobalVersion = globalVersion });
        }

        return sets;
    }

    /// <summary>
    /// Every set of the type in the event feed, paged by <paramref name="limit"/>: (actor, version, cursor). On PostgreSQL the
    /// feed holds back sets above the server's oldest open transaction for at most a second, which a server shared with
    /// other busy databases can outlast: the feed is read again until it holds the <paramref name="expected"/> sets.
    /// </summary>
    private async Task<List<(string, long, string)>> ReadFeedAsync(string type, int limit, int expected)
    {
        return await Eventually.ReadUntilAsync(
            _ => ReadFeedOnceAsync(type, limit), feed => feed.Count >= expected, TimeSpan.FromSeconds(10), $"The feed holding {expected} sets", Ct);
    }

    private async Task<List<(string, long, string)>> ReadFeedOnceAsync(string type, int limit)
    {
        var feed = new List<(string, long, string)>();
        string? cursor = null;
        while (true)
        {
            var page = await Tiered.ReadEventsAsync(new EventQuery(null, type, null, null, null, null, limit, cursor), Ct);
            feed.AddRange(page.Entries.Select(e => (e.MutationSet.Actor.Id, e.MutationSet.Version, e.CursorAfter)));
            if (page.Entries.Count < limit)
            {
                return feed;
            }

            cursor = page.Entries[^1].CursorAfter;
        }
    }
}

public sealed class SqliteHistoryTierTests(SqliteJournalFixture fixture) : HistoryTierTests(fixture.Store), IClassFixture<SqliteJournalFixture>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresHistoryTierTests(PostgresDatabaseFixture fixture) : HistoryTierTests(fixture.Store);
