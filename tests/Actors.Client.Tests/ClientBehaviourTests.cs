using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;

namespace Actors.Client.Tests;

/// <summary>
/// What the client does, whichever transport carries it: each test runs through the silo's own grain factory, through
/// an external Orleans client and over HTTP, with the same principals and permissions, and must see the same answers
/// and the same typed errors.
/// </summary>
public abstract partial class ClientBehaviourTests
{
    /// <summary>A client acting as <paramref name="principal"/>.</summary>
    protected abstract ActorsClient Client(TestPrincipal principal);

    private ActorsClient Admin => Client(TestPrincipal.Admin);

    private static string NewId(string prefix = "ord") => $"{prefix}-{Guid.NewGuid():N}";

    private static async Task<ActorRef<IOrderActor>> CreatedOrderAsync(ActorsClient client)
    {
        var order = client.GetActor<IOrderActor>(NewId());
        await order.Batch()
            .Create(new CreateOrder("1001", "SEK", null))
            .AddOrderLine(new AddOrderLine("l1", "TSHIRT", 2, 199m))
            .SendAsync();
        return order;
    }

    [Fact]
    public async Task A_typed_batch_makes_one_checkpoint_and_every_result_names_it()
    {
        await using var client = Admin;
        var order = client.GetActor<IOrderActor>(NewId());

        var response = await order.Batch()
            .Create(new CreateOrder("1001", "SEK", null))
            .AddOrderLine(new AddOrderLine("l1", "TSHIRT", 2, 199m))
            .AddDelivery("d1")
            .AddTag("vip")
            .SendAsync();

        Assert.Equal(1, response.Version);
        Assert.False(response.Replayed);
        Assert.Equal(["create", "addOrderLine", "addDelivery", "addTag"], response.Results.Select(r => r.Type));
        Assert.All(response.Results, r => Assert.Equal(response.CheckpointId.ToString(), (string?)r.Result!["checkpointId"]));
        var checkpoint = Assert.Single(await order.GetCheckpointsAsync().ToListAsync());
        Assert.Equal(response.CheckpointId, checkpoint.CheckpointId);
        Assert.Equal("CREATE", checkpoint.Operation);
        Assert.Equal(["create", "addOrderLine", "addDelivery", "addTag"], checkpoint.CommandTypes);
        // Typed records go in without their null members, as a person would have written the JSON.
        Assert.Equal("""{"type":"create","orderNumber":"1001","currency":"SEK"}""", checkpoint.Metadata!["commands"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task Query_answers_the_asked_fields_and_edges_as_json_or_typed()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.Batch().AddDelivery("d1").AddTag("vip").SendAsync();

        var json = await order.QueryAsync(ActorQuery.Select("orderId", "total").Include("deliveries", ActorQuery.Select("deliveryId", "deliveryState")));
        var all = await order.QueryAsync();
        var typed = await order.QueryAsync(ActorQuery.Select("orderId", "orderState", "total", "tags"), TestJsonContext.Default.OrderSummary);

        Assert.Equal(
            $$"""{"orderId":"{{order.Key.Id}}","total":398,"deliveries":[{"deliveryId":"d1","deliveryState":"pending"}]}""",
            json.ToJsonString());
        Assert.Equal(2, (long)all["version"]!);
        Assert.Null(all["lines"]);
        Assert.Equal((order.Key.Id, "open", 398m), (typed.OrderId, typed.OrderState, typed.Total));
        Assert.Equal(["vip"], typed.Tags);
    }

    [Fact]
    public async Task A_query_inside_a_batch_sees_the_batch_s_earlier_commands()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);

        var response = await order.Batch().AddTag("a").AddTag("b").Query(ActorQuery.Select("tags", "version")).SendAsync();

        Assert.Equal("""{"tags":["a","b"],"version":2}""", response.Last!.ToJsonString());
        Assert.Equal(2, response.Version);
    }

    [Fact]
    public async Task Checkpoints_page_through_with_limit_and_after()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        for (var i = 0; i < 4; i++)
        {
            await order.SendAsync(ActorCommand.AddTag($"t{i}"));
        }

        var all = await order.GetCheckpointsAsync(pageSize: 2).ToListAsync();
        var page = await order.GetCheckpointPageAsync(limit: 2, after: all[1].CheckpointId);
        var rest = await order.GetCheckpointsAsync(pageSize: 3, after: all[2].CheckpointId).ToListAsync();

        Assert.Equal([1L, 2, 3, 4, 5], all.Select(c => c.Version));
        Assert.Equal([3L, 4], page.Select(c => c.Version));
        Assert.Equal([4L, 5], rest.Select(c => c.Version));
        Assert.All(all, c => Assert.Equal(TestPrincipal.Admin.Name, c.Principal));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
    }

    [Fact]
    public async Task The_activity_log_has_one_line_per_checkpoint_and_names_it()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.SendAsync(ActorCommand.AddTag("vip"));
        var first = (await order.GetCheckpointPageAsync(1))[0];
        await order.RewindAsync(HistoryPoint.AtVersion(1), "tag added by mistake");

        var log = await order.GetActivityLogAsync(pageSize: 2).ToListAsync();
        var checkpoints = await order.GetCheckpointsAsync().ToListAsync();

        Assert.Equal(
            ["Created order (create, addOrderLine)", "Updated order (addTag)", $"Rewound order to checkpoint at {Cli.Format.Time(first.Timestamp)}"],
            log.Select(l => l.Message));
        Assert.Equal(checkpoints.Select(c => c.CheckpointId), log.Select(l => l.CheckpointId));
        Assert.Equal([1L, 2, 3], log.Select(l => l.Version));
    }

    [Fact]
    public async Task Rewind_restores_the_old_state_as_a_new_checkpoint_with_its_reason()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.Batch().AddTag("vip").RemoveOrderLine("l1").SendAsync();
        var first = (await order.GetCheckpointPageAsync(1))[0];

        var outcome = await order.RewindAsync(HistoryPoint.Checkpoint(first.CheckpointId), "line removed by mistake");

        Assert.Equal(new RewindOutcome(new RewindPoint(first.CheckpointId, 1, first.Timestamp), new RewindCheckpoint(3, Persisted: true), 1), outcome);
        var now = await order.QueryAsync(ActorQuery.Select("total", "tags", "version"));
        Assert.Equal("""{"total":398,"tags":[],"version":3}""", now.ToJsonString());
        var rewind = (await order.GetCheckpointsAsync().ToListAsync())[^1];
        Assert.Equal(("REWIND", "line removed by mistake"), (rewind.Operation, rewind.Reason));
        Assert.Equal(first.CheckpointId.ToString(), (string?)rewind.Metadata!["rewind"]!["checkpointId"]);
        Assert.Equal(outcome.Target, rewind.Rewind);
        var entry = (await order.GetHistoryPageAsync(limit: 1, offset: 2)).Entries[0];
        Assert.Equal((outcome.Target, "line removed by mistake"), (entry.Rewind, entry.Reason));
        Assert.Null((await order.GetHistoryPageAsync(limit: 1, offset: 1)).Entries[0].Rewind);
    }

    [Fact]
    public async Task A_batch_names_the_checkpoint_it_made_never_a_rewinds_target()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.SendAsync(ActorCommand.AddTag("vip"));

        var rewindOnly = await order.Batch().Rewind(HistoryPoint.AtVersion(1)).SendAsync();
        var rewindAndTag = await order.Batch().Rewind(HistoryPoint.AtVersion(2)).AddTag("again").SendAsync();

        var checkpoints = await order.GetCheckpointsAsync().ToListAsync();
        Assert.Null(rewindOnly.CheckpointId);
        Assert.Equal(3, rewindOnly.Version);
        Assert.Equal(checkpoints[3].CheckpointId, rewindAndTag.CheckpointId);
    }

    [Fact]
    public async Task Rewind_of_some_fields_by_time_leaves_the_others()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        var first = (await order.GetCheckpointPageAsync(1))[0];
        await order.Batch().AddTag("vip").RemoveOrderLine("l1").SendAsync();

        await order.RewindAsync(HistoryPoint.At(first.Timestamp), fields: ["tags"]);

        Assert.Equal("""{"total":0,"tags":[]}""", (await order.QueryAsync(ActorQuery.Select("total", "tags"))).ToJsonString());
    }

    [Fact]
    public async Task GetState_reads_the_state_at_a_version_a_checkpoint_or_a_time()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.SendAsync(ActorCommand.AddTag("vip"));
        var checkpoints = await order.GetCheckpointsAsync().ToListAsync();

        var before = await order.GetStateAsync(HistoryPoint.AtVersion(0));
        var byVersion = await order.GetStateAsync(HistoryPoint.AtVersion(1));
        var byCheckpoint = await order.GetStateAsync(HistoryPoint.Checkpoint(checkpoints[0].CheckpointId));
        var byTime = await order.GetStateAsync(HistoryPoint.At(checkpoints[0].Timestamp));
        var now = await order.GetStateAsync(HistoryPoint.AtVersion(2));

        Assert.Null(before);
        Assert.Equal("[]", byVersion!["tags"]!.ToJsonString());
        Assert.Equal(1, (long)byVersion["version"]!);
        Assert.True(JsonNode.DeepEquals(byVersion, byCheckpoint));
        Assert.True(JsonNode.DeepEquals(byVersion, byTime));
        Assert.Equal("""["vip"]""", now!["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task Diff_names_added_changed_and_removed_fields()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.Batch().AddTag("vip").SetOrderState("confirmed").SendAsync();

        var diff = await order.DiffAsync(HistoryPoint.AtVersion(1), HistoryPoint.AtVersion(2));
        var fromNothing = await order.DiffAsync(HistoryPoint.AtVersion(0), HistoryPoint.AtVersion(1));
        var none = await order.DiffAsync(HistoryPoint.AtVersion(2), HistoryPoint.AtVersion(2));

        Assert.Equal(["orderState", "tags"], diff.Changed.Keys);
        Assert.Equal("""{"from":"open","to":"confirmed"}""", diff.ToJson()["changed"]!["orderState"]!.ToJsonString());
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Equal(order.Key.Id, (string?)fromNothing.Added["orderId"]);
        Assert.True(none.IsEmpty);
    }

    [Fact]
    public async Task A_preview_scope_sees_its_earlier_calls_and_persists_nothing()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await order.Batch().AddTag("vip").RemoveOrderLine("l1").SendAsync();

        await using (var preview = order.Preview())
        {
            var rewound = await preview.RewindAsync(HistoryPoint.AtVersion(1));
            var then = await preview.QueryAsync(ActorQuery.Select("total", "tags"));
            var added = await preview.Batch().AddTag("preview-only").SendAsync();
            var later = await preview.QueryAsync(ActorQuery.Select("tags", "version"));

            Assert.Equal((1L, 3L, false), (rewound.Target.Version, rewound.Checkpoint.Version, rewound.Checkpoint.Persisted));
            Assert.Equal("""{"total":398,"tags":[]}""", then.ToJsonString());
            Assert.Equal(["addTag"], added.Results.Select(r => r.Type));
            Assert.Equal(2, added.Version);
            Assert.Equal("""{"tags":["preview-only"],"version":3}""", later.ToJsonString());
            Assert.Equal(["rewind", "addTag"], preview.Commands.Select(c => c.Type));
            Assert.Equal(2, preview.BaseVersion);
        }

        Assert.Equal("""{"total":0,"tags":["vip"],"version":2}""", (await order.QueryAsync(ActorQuery.Select("total", "tags", "version"))).ToJsonString());
        Assert.Equal(2, (await order.GetCheckpointsAsync().ToListAsync()).Count);
        Assert.Equal(2, (await order.GetActivityLogAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task A_preview_is_pinned_to_the_version_it_started_on()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await using var preview = order.Preview();
        await preview.RewindAsync(HistoryPoint.AtVersion(1));

        await order.SendAsync(ActorCommand.AddTag("meanwhile"));
        var moved = await Assert.ThrowsAsync<ActorRefusedException>(() => preview.QueryAsync());

        Assert.Equal((ActorErrorKind.PreconditionFailed, 412), (moved.Kind, moved.Status));
    }

    [Fact]
    public async Task A_failing_call_in_a_preview_counts_its_message_index_from_its_own_messages()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        await using var preview = order.Preview();
        await preview.SendAsync(ActorCommand.AddTag("x"));

        var refused = await Assert.ThrowsAsync<ActorRefusedException>(() => preview.Batch().AddTag("y").SetOrderState("open").SendAsync());

        Assert.Equal((ActorErrorKind.BusinessRule, 1, "setOrderState"), (refused.Kind, refused.MessageIndex, refused.MessageType));
        Assert.Equal(1, (int)refused.Problem["messageIndex"]!);
    }

    [Fact]
    public async Task Support_may_preview_a_rewind_but_a_real_rewind_is_forbidden_and_names_the_permission()
    {
        await using var admin = Admin;
        var id = (await CreatedOrderAsync(admin)).Key.Id;
        await admin.GetActor<IOrderActor>(id).SendAsync(ActorCommand.AddTag("vip"));
        await using var support = Client(TestPrincipal.Support);
        var order = support.GetActor<IOrderActor>(id);

        await using var preview = order.Preview();
        await preview.RewindAsync(HistoryPoint.AtVersion(1));
        var then = await preview.QueryAsync(ActorQuery.Select("tags"));
        var forbidden = await Assert.ThrowsAsync<ActorForbiddenException>(() => order.RewindAsync(HistoryPoint.AtVersion(1), "no"));

        Assert.Equal("""{"tags":[]}""", then.ToJsonString());
        Assert.Equal("actors/order:rewind", forbidden.Permission);
        Assert.Equal((403, 0, "rewind"), (forbidden.Status, forbidden.MessageIndex, forbidden.MessageType));
        Assert.Equal("urn:actors:problem:forbidden", forbidden.ProblemType);
    }

    [Fact]
    public async Task A_reader_cannot_write()
    {
        await using var admin = Admin;
        var id = (await CreatedOrderAsync(admin)).Key.Id;
        await using var reader = Client(TestPrincipal.Reader);

        var forbidden = await Assert.ThrowsAsync<ActorForbiddenException>(
            () => reader.GetActor<IOrderActor>(id).Batch().Query().AddTag("x").SendAsync());

        Assert.Equal(("actors/order:write", 1), (forbidden.Permission, forbidden.MessageIndex));
    }

    [Fact]
    public async Task Sensitive_fields_are_masked_without_pii()
    {
        await using var admin = Admin;
        var payment = admin.GetActor<IPaymentActor>(NewId("pay"));
        await payment.Batch().Create(new CreatePayment(100m, "SEK", null, "4111 1111 1111 1111")).SendAsync();
        await using var reader = Client(TestPrincipal.Reader);

        var full = await payment.QueryAsync(ActorQuery.Select("cardNumber"));
        var masked = await reader.GetActor<IPaymentActor>(payment.Key.Id).QueryAsync(ActorQuery.Select("cardNumber"));
        var checkpoint = (await reader.GetActor<IPaymentActor>(payment.Key.Id).GetCheckpointPageAsync(1))[0];

        Assert.Equal("4111111111111111", (string?)full["cardNumber"]);
        Assert.Equal("****1111", (string?)masked["cardNumber"]);
        Assert.Equal("****1111", (string?)checkpoint.Metadata!["commands"]![0]!["cardNumber"]);
    }
}
