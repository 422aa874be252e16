using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Storage.Postgres;

namespace Actors.Storage.Tests;

/// <summary>
/// The whole conformance suite again on a store that appends every set in its own transaction, the path a set takes
/// when the group it came in could not write it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalStoreWithoutGroupCommitTests(PostgresDatabaseFixture fixture) : JournalStoreConformanceTests(fixture.UngroupedStore)
{
    protected override Task SettleAsync() => fixture.WaitForHorizonAsync(Ct);
}

/// <summary>Group commit: concurrent appends share a statement, each caller learns its own outcome, a failed set fails alone.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGroupCommitTests(PostgresDatabaseFixture fixture) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly ConcurrentBag<int> _groupSizes = [];
    private readonly MeterListener _listener = new();

    // One writer, so that whatever arrives while it commits waits and goes into its next group.
    private readonly PostgresJournalStore _store = new(fixture.DataSource, new PostgresJournalOptions { GroupConnections = 1 });

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "actors.journal.group_size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) => _groupSizes.Add(size));
        _listener.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_appends_of_different_actors_each_commit_with_their_snapshot_idempotency_and_audit_rows()
    {
        var requests = Enumerable.Range(0, 120).Select(i =>
        {
            var set = Set(NewActor(), 1);
            return new AppendRequest(
                set,
                Snapshot: i % 3 == 0 ? new SnapshotRecord(set.Actor, 1, $$$"""{"n":{{{i}}}}""") : null,
                Idempotency: i % 4 == 0 ? new IdempotencyRecord($"key-{i}", $"hash-{i}", 1, $$$"""[{"i":{{{i}}}}]""") : null,
                Audit: i % 5 == 0 ? new AuditRecord(Guid.NewGuid(), DateTimeOffset.UtcNow, "alice", "restore", set.Actor.Type, set.Actor.Id, """{"version":1}""", "why") : null);
        }).ToList();

        var globalVersions = await Task.WhenAll(requests.Select(r => _store.AppendAsync(r, Ct)));

        Assert.Equal(requests.Count, globalVersions.Distinct().Count());
        Assert.Contains(_groupSizes, size => size > 1);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var actor = request.MutationSet.Actor;
            var read = Assert.Single(await _store.ReadAsync(actor, 0, 1, 10, Ct));
            Assert.Equal(request.MutationSet.CheckpointId, read.CheckpointId);
            Assert.Equal(globalVersions[i], read.GlobalVersion);
            var snapshot = await _store.FindSnapshotAsync(actor, 1, Ct);
            Assert.Equal(request.Snapshot is null, snapshot is null);
            if (request.Snapshot is not null)
            {
                JsonAssert.Equivalent(request.Snapshot.State, snapshot!.State);
            }

            Assert.Equal(request.Idempotency?.Response, request.Idempotency is { } idempotency
                ? (await _store.FindIdempotencyAsync(actor, idempotency.Key, Ct))?.Response
                : null);
            var audit = await _store.ReadAuditAsync(new AuditQuery(null, actor.Type, actor.Id, null, null, null, 10, null), Ct);
            Assert.Equal(request.Audit is null ? 0 : 1, audit.Records.Count);
        }
    }

    [Fact]
    public async Task A_conflict_a_gap_and_a_reused_idempotency_key_fail_alone_and_the_rest_of_their_group_commits()
    {
        var taken = NewActor();
        var original = Set(taken, 1);
        await _store.AppendAsync(new AppendRequest(original), Ct);
        var keyed = NewActor();
        await _store.AppendAsync(new AppendRequest(Set(keyed, 1), Idempotency: new IdempotencyRecord("once", "h", 1, "[]")), Ct);

        var valid = Enumerable.Range(0, 60).Select(_ => new AppendRequest(Set(NewActor(), 1))).ToList();
        var conflict = new AppendRequest(Set(taken, 1));
        var gap = new AppendRequest(Set(NewActor(), 3));
        var reusedKey = new AppendRequest(Set(keyed, 2), Idempotency: new IdempotencyRecord("once", "h2", 2, "[]"));

        // The bad ones last, so that they are queued behind the valid ones and land in a group with them.
        var validTasks = valid.Select(r => _store.AppendAsync(r, Ct)).ToList();
        var conflictTask = _store.AppendAsync(conflict, Ct);
        var gapTask = _store.AppendAsync(gap, Ct);
        var reusedKeyTask = _store.AppendAsync(reusedKey, Ct);

        Assert.Equal(valid.Count, (await Task.WhenAll(validTasks)).Distinct().Count());
        await Assert.ThrowsAsync<VersionConflictException>(() => conflictTask);
        await Assert.ThrowsAsync<InvalidOperationException>(() => gapTask);
        await Assert.ThrowsAsync<VersionConflictException>(() => reusedKeyTask);
        Assert.Contains(_groupSizes, size => size > 1);

        foreach (var request in valid)
        {
            Assert.Equal(1, await _store.GetVersionAsync(request.MutationSet.Actor, Ct));
        }

        Assert.Equal(original.CheckpointId, Assert.Single(await _store.ReadAsync(taken, 0, 1, 10, Ct)).CheckpointId);
        Assert.Equal(0, await _store.GetVersionAsync(gap.MutationSet.Actor, Ct));
        Assert.Equal(1, await _store.GetVersionAsync(keyed, Ct));
    }

    [Fact]
    public async Task Concurrent_audit_entries_are_all_written()
    {
        var principal = $"auditor-{Guid.NewGuid():N}";
        var records = Enumerable.Range(0, 50)
            .Select(i => new AuditRecord(Guid.NewGuid(), DateTimeOffset.UtcNow, principal, "preview", "order", $"a{i}", $$$"""{"version":{{{i}}}}""", null))
            .ToList();

        await Task.WhenAll(records.Select(r => _store.AppendAuditAsync(r, Ct)));

        var written = await _store.ReadAuditAsync(new AuditQuery(null, null, null, principal, null, null, 100, null), Ct);
        Assert.Equal(records.Select(r => r.AuditId).Order(), written.Records.Select(r => r.AuditId).Order());
    }

    [Fact]
    public async Task A_disposed_store_refuses_new_appends_after_committing_the_queued_ones()
    {
        var store = new PostgresJournalStore(fixture.DataSource);
        var queued = Enumerable.Range(0, 20).Select(_ => store.AppendAsync(new AppendRequest(Set(NewActor(), 1)), Ct)).ToList();

        await store.DisposeAsync();

        Assert.Equal(queued.Count, (await Task.WhenAll(queued)).Distinct().Count());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync(new AppendRequest(Set(NewActor(), 1)), Ct));
    }

    private static ActorKey NewActor() => new("order", $"g-{Guid.NewGuid():N}");

    private static MutationSetRecord Set(ActorKey actor, long version) => new(
        actor, version, Guid.NewGuid(), DateTimeOffset.UtcNow, "alice", version == 1 ? "CREATE" : "UPDATE",
        """[{"type":"Order.TagAdded","data":{"tag":"x"}}]""", """{"commands":[{"type":"addTag"}]}""", null);
}
