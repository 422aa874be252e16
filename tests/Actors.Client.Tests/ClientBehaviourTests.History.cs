using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Grains.Orders;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;

namespace Actors.Client.Tests;

/// <summary>History, diffs, pending changes, restores and replays: the time-travel calls, on every transport.</summary>
public abstract partial class ClientBehaviourTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The operations the audit log holds for <paramref name="actor"/>, oldest first.</summary>
    protected abstract Task<IReadOnlyList<string>> AuditOperationsAsync(ActorKey actor);

    [Fact]
    public async Task History_pages_hold_the_old_and_new_values_and_enumerate_every_page()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.SendAsync(ActorCommand.AddTag("vip"));
        await order.Batch().SetOrderState("confirmed").SendAsync();

        var page = await order.GetHistoryPageAsync(limit: 2, offset: 0);
        var all = await order.GetHistoryAsync(pageSize: 2).ToListAsync();
        var fromSecond = await order.GetHistoryAsync(pageSize: 1, offset: 1).ToListAsync();

        Assert.Equal((2, 0, 3L, true), (page.Limit, page.Offset, page.Total, page.HasMore));
        Assert.Equal([1L, 2], page.Entries.Select(e => e.Version));
        Assert.Null(page.Entries[0].OldValue);
        Assert.Equal(("CREATE", order.Key.Id), (page.Entries[0].Operation, (string?)page.Entries[0].NewValue!["orderId"]));
        Assert.Equal("""{"tags":[]}""", page.Entries[1].OldValue!.ToJsonString());
        Assert.Equal("""{"tags":["vip"]}""", page.Entries[1].NewValue!.ToJsonString());
        Assert.Equal([1L, 2, 3], all.Select(e => e.Version));
        Assert.Equal("""{"orderState":"confirmed"}""", all[2].NewValue!.ToJsonString());
        Assert.Equal([2L, 3], fromSecond.Select(e => e.Version));
        var checkpoints = await order.GetCheckpointsAsync().ToListAsync();
        Assert.Equal(checkpoints.Select(c => (c.CheckpointId, c.Timestamp, c.Principal)), all.Select(e => (e.CheckpointId, e.Timestamp, e.Principal)));

        // Never compacted: history starts at version 1, at its commit time.
        Assert.Equal((1L, (DateTimeOffset?)checkpoints[0].Timestamp), (page.EarliestVersion, page.EarliestTimestamp));
        Assert.Equal((1L, (DateTimeOffset?)checkpoints[0].Timestamp), await order.GetHistoryStartAsync());
    }

    [Fact]
    public async Task Diff_takes_checkpoint_ids_and_times_as_points()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.SendAsync(ActorCommand.AddTag("vip"));
        var checkpoints = await order.GetCheckpointsAsync().ToListAsync();

        var byCheckpoint = await order.DiffAsync(HistoryPoint.Checkpoint(checkpoints[0].CheckpointId), HistoryPoint.Checkpoint(checkpoints[1].CheckpointId));
        var byTime = await order.DiffAsync(HistoryPoint.At(checkpoints[0].Timestamp), HistoryPoint.At(checkpoints[1].Timestamp));
        var missing = await Assert.ThrowsAsync<ActorRefusedException>(() => order.DiffAsync(HistoryPoint.AtVersion(1), HistoryPoint.AtVersion(9)));

        Assert.Equal("""{"added":{},"changed":{"tags":{"from":[],"to":["vip"]}},"removed":{}}""", byCheckpoint.ToJson().ToJsonString());
        Assert.Equal(byCheckpoint.ToJson().ToJsonString(), byTime.ToJson().ToJsonString());
        Assert.Equal(ActorErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task Pending_changes_in_a_preview_say_what_it_would_do_and_nothing_is_kept()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);

        await using (var preview = order.Preview())
        {
            var nothingYet = await preview.GetPendingChangesAsync();
            var tagged = await preview.GetPendingChangesAsync([ActorCommand.AddTag("vip")]);
            await preview.Batch().SetOrderState("confirmed").SendAsync();
            var both = await preview.GetPendingChangesAsync();

            Assert.Empty(nothingYet);
            Assert.Equal(("/tags", "replace"), (Assert.Single(tagged).Path, tagged[0].Operation));
            Assert.Equal(("[]", """["vip"]"""), (tagged[0].Before!.ToJsonString(), tagged[0].After!.ToJsonString()));
            Assert.Equal(["/orderState", "/tags"], both.Select(c => c.Path).Order(StringComparer.Ordinal));
            Assert.Equal(["addTag", "setOrderState"], preview.Commands.Select(c => c.Type));
        }

        Assert.Equal("""{"tags":[],"version":1}""", (await order.QueryAsync(ActorQuery.Select("tags", "version"))).ToJsonString());
    }

    [Fact]
    public async Task Restore_answers_the_restored_state_records_its_reason_and_is_audited_as_a_restore()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.Batch().AddTag("vip").RemoveOrderLine("l1").SendAsync();

        var state = await order.RestoreAsync(HistoryPoint.AtVersion(1), "customer asked");

        Assert.Equal((3L, 398m, "[]"), ((long)state["version"]!, (decimal)state["total"]!, state["tags"]!.ToJsonString()));
        Assert.Single(state["lines"]!.AsArray());
        var restore = (await order.GetCheckpointsAsync().ToListAsync())[^1];
        Assert.Equal(("REWIND", "customer asked"), (restore.Operation, restore.Reason));
        Assert.Equal(["restore"], await AuditOperationsAsync(order.Key));
        var withoutReason = await order.RestoreAsync(HistoryPoint.AtVersion(2));
        Assert.Equal(4L, (long)withoutReason["version"]!);
    }

    [Fact]
    public async Task Restore_needs_the_rewind_permission()
    {
        await using var admin = Admin;
        var id = (await CreatedOrderAsync(admin)).Key.Id;
        await using var support = Client(TestPrincipal.Support);

        var forbidden = await Assert.ThrowsAsync<ActorForbiddenException>(
            () => support.GetActor<IOrderActor>(id).RestoreAsync(HistoryPoint.AtVersion(1), "no"));

        Assert.Equal(("actors/order:rewind", 0, "rewind"), (forbidden.Permission, forbidden.MessageIndex, forbidden.MessageType));
    }

    [Fact]
    public async Task Replay_yields_every_mutation_set_with_its_events_or_those_from_a_version()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.SendAsync(ActorCommand.AddTag("vip"));
        await order.RewindAsync(HistoryPoint.AtVersion(1), "undo");
        var checkpoints = await order.GetCheckpointsAsync().ToListAsync();

        var all = await order.ReplayAsync().ToListAsync().AsTask().WaitAsync(Timeout);
        var fromTwo = await order.ReplayAsync(fromVersion: 2).ToListAsync().AsTask().WaitAsync(Timeout);
        var pastTheEnd = await order.ReplayAsync(fromVersion: 9).ToListAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal([1L, 2, 3], all.Select(s => s.Version));
        Assert.Equal(checkpoints.Select(c => (c.CheckpointId, c.Timestamp, c.Operation, c.Reason)), all.Select(s => (s.CheckpointId, s.Timestamp, s.Operation, s.Reason)));
        Assert.Equal(["create", "addOrderLine"], all[0].CommandTypes);
        Assert.Equal(["Order.TagAdded"], all[1].EventTypes);
        Assert.Equal("vip", (string?)all[1].Events[0]!["data"]!["key"]);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.GlobalVersion < p.Second.GlobalVersion));
        Assert.Equal([2L, 3], fromTwo.Select(s => s.Version));
        Assert.Empty(pastTheEnd);
    }

    [Fact]
    public async Task Following_a_replay_receives_a_batch_committed_after_subscribing()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        using var stop = new CancellationTokenSource(Timeout);
        await using var stream = order.ReplayAsync(follow: true, cancellationToken: stop.Token).GetAsyncEnumerator();

        Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(1, stream.Current.Version);
        var next = stream.MoveNextAsync().AsTask();
        var sent = await order.SendAsync(ActorCommand.AddTag("later"));

        Assert.True(await next.WaitAsync(Timeout));
        Assert.Equal((2L, sent.CheckpointId), (stream.Current.Version, (Guid?)stream.Current.CheckpointId));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.MoveNextAsync().AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Following_an_actor_that_does_not_exist_yet_waits_for_its_creation()
    {
        await using var client = Admin;
        var order = client.GetActor<IOrderActor>(NewId());
        using var stop = new CancellationTokenSource(Timeout);
        await using var stream = order.ReplayAsync(follow: true, cancellationToken: stop.Token).GetAsyncEnumerator();

        var first = stream.MoveNextAsync().AsTask();
        await order.Batch().Create(new Grains.Orders.Commands.CreateOrder(null, "SEK", null)).SendAsync();

        Assert.True(await first.WaitAsync(Timeout));
        Assert.Equal(("CREATE", 1L), (stream.Current.Operation, stream.Current.Version));
        var missing = await Assert.ThrowsAsync<ActorRefusedException>(
            () => client.GetActor<IOrderActor>(NewId()).ReplayAsync().ToListAsync().AsTask());
        Assert.Equal((ActorErrorKind.NotFound, 404), (missing.Kind, missing.Status));
    }

    [Fact]
    public async Task Replay_masks_card_numbers_without_pii()
    {
        await using var admin = Admin;
        var payment = admin.GetActor<IPaymentActor>(NewId("pay"));
        await payment.Batch().Create(new CreatePayment(100m, "SEK", null, "4111 1111 1111 1111")).SendAsync();
        await using var reader = Client(TestPrincipal.Reader);

        var full = Assert.Single(await payment.ReplayAsync().ToListAsync().AsTask().WaitAsync(Timeout));
        var masked = Assert.Single(await reader.GetActor<IPaymentActor>(payment.Key.Id).ReplayAsync().ToListAsync().AsTask().WaitAsync(Timeout));

        Assert.Contains("4111111111111111", full.Events.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", masked.Events.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4111", masked.Metadata!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("****1111", (string?)masked.Metadata!["commands"]![0]!["cardNumber"]);
    }
}
