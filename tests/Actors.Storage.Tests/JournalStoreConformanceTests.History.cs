using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Tests.Shared;

namespace Actors.Storage.Tests;

/// <summary>The history lifecycle's primitives (<see cref="IHistoryStore"/>): boundaries, compaction, the archive index, expiry.</summary>
public abstract partial class JournalStoreConformanceTests
{
    private IHistoryStore History => (IHistoryStore)Store;

    [Fact]
    public async Task Pruning_keeps_the_boundary_set_and_a_snapshot_at_it_and_removes_everything_below()
    {
        var actor = NewActor();
        var sets = await AppendVersionsAsync(actor, 6);
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 7), new SnapshotRecord(actor, 7, """{"at":7}""")), Ct);

        var boundary = await History.CompactAsync(new CompactionRequest(actor, 4, """{"at":4}""", Archived: false), Ct);

        Assert.Equal((4L, 4L), (boundary.BoundaryVersion, boundary.EarliestVersion));
        Assert.Equal(TruncateToMicroseconds(sets[3].Timestamp), boundary.BoundaryTimestamp);
        Assert.Equal(TruncateToMicroseconds(sets[0].Timestamp), boundary.CreatedTimestamp);
        Assert.True(boundary.HasPruned);
        Assert.False(boundary.HasArchive);
        Assert.Equal(boundary, await History.GetHistoryBoundaryAsync(actor, Ct));
        Assert.Equal([4L, 5, 6, 7], (await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Select(s => s.Version));
        Assert.Equal(7, await Store.GetVersionAsync(actor, Ct));
        Assert.Equal(4, (await Store.FindSnapshotAsync(actor, 6, Ct))!.Version);
        Assert.Null(await Store.FindSnapshotAsync(actor, 3, Ct));
        var rebuild = await Store.ReadForRebuildAsync(actor, 5, Ct);
        Assert.Equal((4L, """{"at":4}"""), (rebuild.Snapshot!.Version, rebuild.Snapshot.State.Replace(" ", "", StringComparison.Ordinal)));
        Assert.Equal([4L, 5], rebuild.Sets.Select(s => s.Version));
        Assert.Null(await Store.FindCheckpointAsync(actor, sets[1].CheckpointId, Ct));

        // The journal goes on after the boundary.
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 8)), Ct);
        Assert.Equal(8, await Store.GetVersionAsync(actor, Ct));
    }

    [Fact]
    public async Task Compaction_run_again_or_to_an_older_boundary_changes_nothing()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 5);
        var first = await History.CompactAsync(new CompactionRequest(actor, 3, """{"at":3}""", Archived: false), Ct);

        Assert.Equal(first, await History.CompactAsync(new CompactionRequest(actor, 3, """{"at":3}""", Archived: false), Ct));
        Assert.Equal(first, await History.CompactAsync(new CompactionRequest(actor, 2, """{"at":2}""", Archived: false), Ct));
        Assert.Equal([3L, 4, 5], (await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Select(s => s.Version));

        var further = await History.CompactAsync(new CompactionRequest(actor, 5, """{"at":5}""", Archived: false), Ct);
        Assert.Equal((5L, 5L), (further.BoundaryVersion, further.EarliestVersion));
        Assert.Equal(first.CreatedTimestamp, further.CreatedTimestamp);
        Assert.Equal([5L], (await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Select(s => s.Version));
    }

    [Fact]
    public async Task Compaction_to_a_version_that_is_not_in_the_journal_is_refused_and_changes_nothing()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 3);

        await Assert.ThrowsAsync<ArgumentException>(() => History.CompactAsync(new CompactionRequest(actor, 9, "{}", Archived: false), Ct));

        Assert.Null(await History.GetHistoryBoundaryAsync(actor, Ct));
        Assert.Equal(3, (await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Count);
    }

    [Fact]
    public async Task Archived_compaction_needs_the_archive_index_to_hold_every_removed_version()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 6);

        await Assert.ThrowsAsync<InvalidOperationException>(() => History.CompactAsync(new CompactionRequest(actor, 5, "{}", Archived: true), Ct));
        Assert.Equal(6, (await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Count);

        var file = ArchiveFileOf(actor.Type, $"{actor.Type}/2025-03/{actor.Id}.parquet");
        await History.RecordArchiveFileAsync(file, [new ArchiveIndexEntry(actor, 1, 4, file.Path, 0)], Ct);
        var boundary = await History.CompactAsync(new CompactionRequest(actor, 5, "{}", Archived: true), Ct);

        Assert.Equal((5L, 1L), (boundary.BoundaryVersion, boundary.EarliestVersion));
        Assert.True(boundary.HasArchive);
        Assert.False(boundary.HasPruned);
        Assert.Equal([5L, 6], (await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Select(s => s.Version));
    }

    [Fact]
    public async Task Pruning_after_archiving_makes_the_archived_versions_unreachable_too()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 6);
        var file = ArchiveFileOf(actor.Type, $"{actor.Type}/2025-03/{actor.Id}.parquet");
        await History.RecordArchiveFileAsync(file, [new ArchiveIndexEntry(actor, 1, 2, file.Path, 0)], Ct);
        await History.CompactAsync(new CompactionRequest(actor, 3, "{}", Archived: true), Ct);

        var boundary = await History.CompactAsync(new CompactionRequest(actor, 5, "{}", Archived: false), Ct);

        Assert.Equal((5L, 5L), (boundary.BoundaryVersion, boundary.EarliestVersion));
        Assert.Empty(await History.ReadArchiveIndexAsync(actor, Ct));
    }

    [Fact]
    public async Task Recording_an_archive_file_twice_records_it_once()
    {
        var type = $"type{Guid.NewGuid():N}"[..20];
        var a = new ActorKey(type, "a");
        var b = new ActorKey(type, "b");
        var file = ArchiveFileOf(type, $"{type}/2025-03/one.parquet");
        IReadOnlyList<ArchiveIndexEntry> entries = [new(a, 1, 4, file.Path, 0), new(b, 1, 2, file.Path, 1)];

        await History.RecordArchiveFileAsync(file, entries, Ct);
        await History.RecordArchiveFileAsync(file, entries, Ct);

        Assert.Equal([file], await History.ListArchiveFilesAsync(type, Ct));
        Assert.Equal([entries[0]], await History.ReadArchiveIndexAsync(a, Ct));
        Assert.Equal([entries[1]], await History.ReadArchiveIndexAsync(b, Ct));
    }

    [Fact]
    public async Task Candidates_are_actors_with_sets_older_than_the_cutoff_above_their_boundary()
    {
        var type = $"type{Guid.NewGuid():N}"[..20];
        var old = new ActorKey(type, "a-old");
        var young = new ActorKey(type, "b-young");
        var compacted = new ActorKey(type, "c-compacted");
        var cutoff = BaseTime.AddDays(10);
        foreach (var (actor, days) in new[] { (old, new[] { 0, 1, 2, 20 }), (young, new[] { 11, 12 }), (compacted, new[] { 0, 1 }) })
        {
            for (var i = 0; i < days.Length; i++)
            {
                await Store.AppendAsync(new AppendRequest(MutationSet(actor, i + 1, BaseTime.AddDays(days[i]))), Ct);
            }
        }

        await History.CompactAsync(new CompactionRequest(compacted, 2, "{}", Archived: false), Ct);

        var all = await History.ListCompactionCandidatesAsync(type, cutoff, null, 10, Ct);
        Assert.Equal([new CompactionCandidate("a-old", 3)], all.Candidates);
        Assert.True(all.Exhausted);

        var first = await History.ListCompactionCandidatesAsync(type, cutoff, null, 1, Ct);
        Assert.Equal(("a-old", false), (first.LastId, first.Exhausted));
        var second = await History.ListCompactionCandidatesAsync(type, cutoff, first.LastId, 1, Ct);
        Assert.Equal(("b-young", false), (second.LastId, second.Exhausted));
        Assert.Empty(second.Candidates);
    }

    [Fact]
    public async Task What_compaction_removes_reads_back_as_stored_with_event_positions_in_feed_order()
    {
        var actor = NewActor();
        var sets = await AppendVersionsAsync(actor, 3);
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 4), new SnapshotRecord(actor, 4, """{"s":4}""")), Ct);
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 5)), Ct);

        var export = await History.ReadForArchiveAsync(actor, 5, Ct);

        Assert.Equal([1L, 2, 3, 4], export.Sets.Select(s => s.Set.Version));
        AssertSameMutationSet(sets[1], export.Sets[1].Set);
        Assert.Equal([4L], export.Snapshots.Select(s => s.Version));
        // On PostgreSQL the feed holds back sets above the cluster's oldest open transaction for at most a second; on a
        // server shared with other busy databases that can run out, so read it again until the sets are there.
        var feed = await Eventually.ReadUntilAsync(
            ct => Store.ReadEventsAsync(new EventQuery(null, actor.Type, actor.Id, null, null, null, 10, null), ct),
            page => page.Entries.Count >= 5, TimeSpan.FromSeconds(10), "The feed holding the actor's five sets", Ct);

        Assert.Equal(feed.Entries.Take(4).Select(e => e.CursorAfter), export.Sets.Select(s => s.Cursor));
        Assert.True(History.CompareEventCursors(export.Sets[0].Cursor, export.Sets[1].Cursor) < 0);
        Assert.Equal(0, History.CompareEventCursors(export.Sets[2].Cursor, export.Sets[2].Cursor));
    }

    [Fact]
    public async Task A_writer_behind_the_boundary_conflicts_instead_of_writing_below_it()
    {
        var actor = NewActor();
        await AppendVersionsAsync(actor, 5);
        await History.CompactAsync(new CompactionRequest(actor, 4, "{}", Archived: false), Ct);

        await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(new AppendRequest(MutationSet(actor, 1)), Ct));
        await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(new AppendRequest(MutationSet(actor, 3)), Ct));

        Assert.Equal([4L, 5], (await Store.ReadAsync(actor, 0, long.MaxValue, 100, Ct)).Select(s => s.Version));
    }

    [Fact]
    public async Task Idempotency_records_created_before_the_cutoff_expire_and_later_ones_stay()
    {
        var actor = NewActor();
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 1), Idempotency: new IdempotencyRecord("k1", "h", 1, "[]")), Ct);
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 2), Idempotency: new IdempotencyRecord("k2", "h", 2, "[]")), Ct);

        Assert.Equal(0, await History.ExpireIdempotencyAsync(DateTimeOffset.UtcNow.AddHours(-1), 100, Ct));
        Assert.NotNull(await Store.FindIdempotencyAsync(actor, "k1", Ct));

        // Every record is older than an hour from now; other tests' records expire too, a page at a time.
        while (await History.ExpireIdempotencyAsync(DateTimeOffset.UtcNow.AddHours(1), 1000, Ct) > 0)
        {
        }

        Assert.Null(await Store.FindIdempotencyAsync(actor, "k1", Ct));
        Assert.Null(await Store.FindIdempotencyAsync(actor, "k2", Ct));
    }

    [Fact]
    public async Task Event_reads_that_reach_pruned_history_are_found_and_later_ones_are_not()
    {
        var actor = NewActor();
        var sets = await AppendVersionsAsync(actor, 5);
        var feed = await Store.ReadEventsAsync(new EventQuery(null, actor.Type, actor.Id, null, null, null, 10, null), Ct);
        await History.CompactAsync(new CompactionRequest(actor, 4, "{}", Archived: false), Ct);

        var query = new EventQuery(null, actor.Type, actor.Id, null, null, null, 10, null);
        Assert.Equal(4, (await History.FindPrunedInRangeAsync(query, Ct))!.EarliestVersion);
        Assert.NotNull(await History.FindPrunedInRangeAsync(query with { Cursor = feed.Entries[1].CursorAfter }, Ct));
        Assert.Null(await History.FindPrunedInRangeAsync(query with { Cursor = feed.Entries[2].CursorAfter }, Ct));
        Assert.Null(await History.FindPrunedInRangeAsync(query with { After = sets[3].Timestamp }, Ct));
        Assert.Null(await History.FindPrunedInRangeAsync(query with { Before = sets[0].Timestamp }, Ct));
        Assert.Null(await History.FindPrunedInRangeAsync(query with { ActorId = NewActor().Id }, Ct));
    }

    private static ArchiveFile ArchiveFileOf(string type, string path) => new(
        path, type, "2025-03", 4, 0, TruncateToMicroseconds(BaseTime), TruncateToMicroseconds(BaseTime.AddDays(1)), 42, "42", new string('0', 64),
        TruncateToMicroseconds(BaseTime));
}
