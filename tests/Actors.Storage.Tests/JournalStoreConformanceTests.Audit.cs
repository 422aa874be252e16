using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;

namespace Actors.Storage.Tests;

public abstract partial class JournalStoreConformanceTests
{
    [Fact]
    public async Task Audit_entries_read_back_oldest_first_with_increasing_sequences_and_page_by_cursor()
    {
        var principal = NewPrincipal();
        var written = new List<AuditRecord>();
        for (var i = 0; i < 5; i++)
        {
            var record = Audit(principal, i % 2 == 0 ? "preview" : "export", BaseTime.AddSeconds(i)) with
            {
                ActorType = i == 4 ? null : "order",
                ActorId = i == 4 ? null : $"o-{i}",
                Reason = i == 3 ? "Zoë said \"so\" 🚀" : null,
                Target = $$"""{"version": {{i}}, "at": "2025-03-14T15:09:26Z"}""",
            };
            await Store.AppendAuditAsync(record, Ct);
            written.Add(record);
        }

        var read = await ReadAllAuditAsync(AuditOf(principal) with { Limit = 2 });

        Assert.Equal(written.Count, read.Count);
        Assert.All(read.Zip(read.Skip(1)), pair => Assert.True(pair.Second.Sequence > pair.First.Sequence));
        foreach (var (expected, actual) in written.Zip(read))
        {
            AssertSameAudit(expected, actual);
        }

        var firstPage = await Store.ReadAuditAsync(AuditOf(principal) with { Limit = 2 }, Ct);
        Assert.Equal(2, firstPage.Records.Count);
        Assert.NotNull(firstPage.NextCursor);
        var lastPage = await Store.ReadAuditAsync(AuditOf(principal) with { Limit = 5 }, Ct);
        Assert.Equal(5, lastPage.Records.Count);
        Assert.Null(lastPage.NextCursor);
    }

    [Fact]
    public async Task Audit_is_filtered_by_operation_actor_principal_and_time()
    {
        var principal = NewPrincipal();
        var type = NewType();
        var t0 = BaseTime;
        var records = new[]
        {
            Audit(principal, "rewind", t0) with { ActorType = type, ActorId = "a" },
            Audit(principal, "restore", t0.AddSeconds(1)) with { ActorType = type, ActorId = "b" },
            Audit(principal, "rewind", t0.AddSeconds(2)) with { ActorType = type, ActorId = "b" },
            Audit(principal, "snapshot", t0.AddSeconds(3)) with { ActorType = type },
        };
        foreach (var record in records)
        {
            await Store.AppendAuditAsync(record, Ct);
        }

        async Task<IReadOnlyList<int>> IndexesAsync(AuditQuery query) =>
            [.. (await ReadAllAuditAsync(query)).Select(r => Array.FindIndex(records, w => w.AuditId == r.AuditId))];

        var all = AuditOf(principal);
        Assert.Equal([0, 1, 2, 3], await IndexesAsync(all));
        Assert.Equal([0, 2], await IndexesAsync(all with { Operation = "rewind" }));
        Assert.Equal([0, 1, 2, 3], await IndexesAsync(all with { Principal = null, ActorType = type }));
        Assert.Equal([1, 2], await IndexesAsync(all with { Principal = null, ActorType = type, ActorId = "b" }));
        Assert.Equal([2], await IndexesAsync(all with { ActorType = type, ActorId = "b", Operation = "rewind" }));
        Assert.Equal([1, 2], await IndexesAsync(all with { After = t0.AddSeconds(1), Before = TruncateToMicroseconds(t0.AddSeconds(3)) }));
        Assert.Equal([3], await IndexesAsync(all with { After = t0.AddSeconds(3).ToOffset(TimeSpan.FromHours(2)) }));
        Assert.Empty(await IndexesAsync(all with { Principal = principal.ToUpperInvariant() }));
        Assert.Empty(await IndexesAsync(all with { Operation = "export" }));
    }

    [Fact]
    public async Task Audit_appended_with_a_mutation_set_commits_with_it_and_not_when_the_append_is_refused()
    {
        var principal = NewPrincipal();
        var actor = NewActor();
        var kept = Audit(principal, "restore", BaseTime) with { ActorType = actor.Type, ActorId = actor.Id, Reason = "kept" };
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 1), Audit: kept), Ct);

        var taken = new AppendRequest(
            MutationSet(actor, 1),
            new SnapshotRecord(actor, 1, """{"status":"loser"}"""),
            new IdempotencyRecord("key-of-loser", "hash", 1, """{"ok":true}"""),
            Audit(principal, "restore", BaseTime) with { Reason = "lost the race" });
        await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(taken, Ct));
        var gap = new AppendRequest(MutationSet(actor, 3), Audit: Audit(principal, "rewind", BaseTime) with { Reason = "gap" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync(gap, Ct));

        AssertSameAudit(kept, Assert.Single(await ReadAllAuditAsync(AuditOf(principal))));
        Assert.Equal(1, await Store.GetVersionAsync(actor, Ct));
        Assert.Null(await Store.FindIdempotencyAsync(actor, "key-of-loser", Ct));
    }

    [Fact]
    public async Task Audit_entry_written_twice_is_kept_once()
    {
        var principal = NewPrincipal();
        var record = Audit(principal, "export", BaseTime);

        await Store.AppendAuditAsync(record, Ct);
        await Store.AppendAuditAsync(record, Ct);

        AssertSameAudit(record, Assert.Single(await ReadAllAuditAsync(AuditOf(principal))));
    }

    [Fact]
    public async Task Audit_refuses_a_cursor_the_store_did_not_hand_out()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAuditAsync(AuditOf(NewPrincipal()) with { Cursor = "x-1" }, Ct));
    }

    protected static string NewPrincipal() => $"auditor-{Guid.NewGuid():N}";

    protected static AuditQuery AuditOf(string principal) => new(null, null, null, principal, null, null, 100, null);

    protected static AuditRecord Audit(string principal, string operation, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, principal, operation, null, null, """{"version":1}""", null);

    /// <summary>Every page of <paramref name="query"/>, following <see cref="AuditPage.NextCursor"/>.</summary>
    protected async Task<IReadOnlyList<AuditRecord>> ReadAllAuditAsync(AuditQuery query)
    {
        var records = new List<AuditRecord>();
        var page = await Store.ReadAuditAsync(query, Ct);
        records.AddRange(page.Records);
        while (page.NextCursor is { } cursor)
        {
            Assert.Equal(query.Limit, page.Records.Count);
            page = await Store.ReadAuditAsync(query with { Cursor = cursor }, Ct);
            records.AddRange(page.Records);
        }

        return records;
    }

    protected static void AssertSameAudit(AuditRecord expected, AuditRecord actual)
    {
        Assert.Equal(expected.AuditId, actual.AuditId);
        Assert.Equal(TruncateToMicroseconds(expected.Timestamp), actual.Timestamp);
        Assert.Equal(TimeSpan.Zero, actual.Timestamp.Offset);
        Assert.Equal(expected.Principal, actual.Principal);
        Assert.Equal(expected.Operation, actual.Operation);
        Assert.Equal(expected.ActorType, actual.ActorType);
        Assert.Equal(expected.ActorId, actual.ActorId);
        Assert.Equal(expected.Reason, actual.Reason);
        JsonAssert.Equivalent(expected.Target, actual.Target);
        Assert.True(actual.Sequence > 0);
    }
}
