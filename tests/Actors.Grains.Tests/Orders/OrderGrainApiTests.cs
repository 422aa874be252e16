using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Grains.Messages;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Orders;

/// <summary>The order as a .NET caller uses it: <see cref="IOrderActor"/>'s typed methods, not JSON batches.</summary>
public abstract class OrderGrainApiTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : OrderGrainApiTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : OrderGrainApiTests(cluster);

    private static readonly CreateOrder Create = new("1001", "SEK", "ada@example.com");

    /// <summary>A new order (version 1) with line <c>l1</c> (version 2), confirmed (version 3).</summary>
    private async Task<(ActorKey Key, IOrderActor Order)> NewConfirmedOrderAsync()
    {
        var key = NewKey("order");
        var order = TypedGrain<IOrderActor>(key);
        await order.CreateAsync(Create);
        await order.AddOrderLineAsync(new AddOrderLine("l1", "SKU-1", 2, 12.5m));
        await order.SetOrderStateAsync(new SetOrderState("confirmed"));
        return (key, order);
    }

    [Fact]
    public async Task Typed_commands_answer_their_checkpoint_and_Get_returns_the_order_state()
    {
        var key = NewKey("order");
        var order = TypedGrain<IOrderActor>(key);

        var created = await order.CreateAsync(Create);
        var added = await order.AddOrderLineAsync(new AddOrderLine("l1", "SKU-1", 2, 12.5m));

        Assert.Equal((true, 1L), (created.Success, created.Version));
        Assert.Equal((true, 2L), (added.Success, added.Version));
        Assert.NotEqual(created.CheckpointId, added.CheckpointId);
        var state = await order.GetAsync();
        Assert.NotNull(state);
        Assert.Equal((key.Id, OrderStatus.Open, "1001", "SEK", "ada@example.com", 25m), (state.OrderId, state.Status, state.OrderNumber, state.Currency, state.CustomerEmail, state.Total));
        Assert.Equal(new OrderLine("l1", "SKU-1", 2, 12.5m, 25m), Assert.Single(state.Lines));
        Assert.Equal(2, await order.GetVersionAsync());
    }

    [Fact]
    public async Task The_typed_grain_and_the_batch_grain_are_one_actor()
    {
        var key = NewKey("order");

        await SendAsync(key, Msg("create", """{"currency":"SEK"}"""));
        await TypedGrain<IOrderActor>(key).AddOrderLineAsync(new AddOrderLine("l1", "SKU-1", 1, 5m));

        AssertJson.Amount(5m, (await QueryAsync(key))["total"]);
        Assert.Equal(2, (await TypedGrain<IOrderActor>(key).GetCheckpointsAsync()).Count);
    }

    [Fact]
    public async Task Get_of_an_order_never_created_is_null()
    {
        var order = TypedGrain<IOrderActor>(NewKey("order"));

        Assert.Null(await order.GetAsync());
        Assert.Equal(0, await order.GetVersionAsync());
    }

    [Fact]
    public async Task A_refused_typed_command_throws_the_refusal_with_its_kind_and_changes_nothing()
    {
        var (_, order) = await NewConfirmedOrderAsync();

        var rule = await Assert.ThrowsAsync<MessageFailedException>(() => order.AddOrderLineAsync(new AddOrderLine("l2", "SKU-2", 1, 1m)));
        var invalid = await Assert.ThrowsAsync<MessageFailedException>(() => order.SetOrderStateAsync(new SetOrderState("shipped")));

        Assert.Equal((ActorErrorKind.BusinessRule, 0, "addOrderLine"), (rule.Kind, rule.MessageIndex, rule.MessageType));
        Assert.Contains("'orderState' is 'open', and it is 'confirmed'", rule.Message, StringComparison.Ordinal);
        Assert.Equal((ActorErrorKind.InvalidMessage, "setOrderState"), (invalid.Kind, invalid.MessageType));
        Assert.Equal(3, await order.GetVersionAsync());
    }

    [Fact]
    public async Task A_typed_command_to_an_order_never_created_is_refused_as_not_found()
    {
        var order = TypedGrain<IOrderActor>(NewKey("order"));

        var refusal = await Assert.ThrowsAsync<MessageFailedException>(() => order.AddDeliveryAsync(new AddDelivery("d1")));

        Assert.Equal(ActorErrorKind.NotFound, refusal.Kind);
    }

    [Fact]
    public async Task Checkpoints_record_the_principal_of_the_request_context()
    {
        var key = NewKey("order");
        var order = TypedGrain<IOrderActor>(key);

        using (ActingAs("ada"))
        {
            await order.CreateAsync(Create);
        }

        using (ActingAs("grace"))
        {
            await order.AddOrderLineAsync(new AddOrderLine("l1", "SKU-1", 1, 1m));
        }

        await order.AddTagAsync("vip");

        var checkpoints = await order.GetCheckpointsAsync();
        Assert.Equal(
            [(1L, "ada", "CREATE", "create"), (2L, "grace", "UPDATE", "addOrderLine"), (3L, ActorRequestContext.DefaultPrincipal, "UPDATE", "addTag")],
            checkpoints.Select(c => (c.Version, c.Principal, c.Operation, (string?)c.Metadata!["commands"]![0]!["type"])));
        Assert.Equal(["ada", "grace", "orleans"], (await order.GetActivityLogAsync()).Select(a => a.Principal));
    }

    [Fact]
    public async Task Checkpoints_page_after_a_checkpoint()
    {
        var (_, order) = await NewConfirmedOrderAsync();
        var all = await order.GetCheckpointsAsync();

        var page = await order.GetCheckpointsAsync(limit: 1, after: all[0].CheckpointId);

        Assert.Equal((all[1].CheckpointId, 2L), (Assert.Single(page).CheckpointId, page[0].Version));
    }

    [Fact]
    public async Task Rewind_to_first_checkpoint_restores_created_state()
    {
        var (_, order) = await NewConfirmedOrderAsync();
        var checkpoints = await order.GetCheckpointsAsync();

        var rewind = await order.RewindAsync(new RewindBody(checkpoints[0].CheckpointId, null, null, "wrong lines", null));

        Assert.Equal((true, checkpoints[0].CheckpointId, 2L, 4L), (rewind.Success, rewind.TargetCheckpointId, rewind.CheckpointsAffected, rewind.RewindVersion));
        var state = await order.GetAsync();
        Assert.Equivalent(await order.GetStateAsync(new StatePointBody(null, 1, null)), state, strict: true);
        Assert.Equal((OrderStatus.Open, 0m), (state!.Status, state.Total));
        Assert.Empty(state.Lines);
        var last = (await order.GetCheckpointsAsync())[^1];
        Assert.Equal((4L, "REWIND", "wrong lines"), (last.Version, last.Operation, last.Reason));
        Assert.Equal(1L, rewind.TargetVersion);
        var history = await order.GetHistoryAsync(limit: 1, offset: 3);
        Assert.Equal(new RewindTarget(checkpoints[0].CheckpointId, 1, checkpoints[0].Timestamp), history.Data[0].Rewind);
        Assert.Null((await order.GetHistoryAsync(limit: 1, offset: 2)).Data[0].Rewind);
    }

    [Fact]
    public async Task Rewinding_only_some_fields_keeps_the_others_and_the_total_matches_the_lines()
    {
        var (_, order) = await NewConfirmedOrderAsync();

        await order.RewindAsync(new RewindBody(null, 1, null, null, ["lines"]));

        var state = await order.GetAsync();
        Assert.Equal((OrderStatus.Confirmed, 0m), (state!.Status, state.Total));
        Assert.Empty(state.Lines);
    }

    [Fact]
    public async Task Preview_answers_the_would_be_state_and_version_and_persists_nothing()
    {
        var key = NewKey("order");
        var order = TypedGrain<IOrderActor>(key);
        await order.CreateAsync(Create);
        await order.AddOrderLineAsync(new AddOrderLine("l1", "SKU-1", 2, 10m));
        var before = await order.GetAsync();

        var preview = await order.PreviewAsync(
        [
            ActorMessage.Of("addOrderLine", new AddOrderLine("l2", "SKU-2", 1, 5m), GrainsJsonContext.Default.AddOrderLine),
            ActorMessage.Of("setOrderState", new SetOrderState("confirmed"), GrainsJsonContext.Default.SetOrderState),
        ]);

        Assert.Equal(3, preview.Version);
        Assert.Equal((OrderStatus.Confirmed, 25m), (preview.State!.Status, preview.State.Total));
        Assert.Equal(["l1", "l2"], preview.State.Lines.Select(l => l.OrderLineId));
        Assert.Equal(["/orderState", "/total", "/lines"], preview.Changes.Select(c => (string?)c!["path"]));
        Assert.Equal(["addOrderLine", "setOrderState"], preview.Results.Select(r => r.Type));
        Assert.Equivalent(before, await order.GetAsync(), strict: true);
        Assert.Equal(2, await order.GetVersionAsync());
        Assert.Equal(2, await Store.GetVersionAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Preview_of_create_answers_the_would_be_order_and_the_order_still_does_not_exist()
    {
        var key = NewKey("order");
        var order = TypedGrain<IOrderActor>(key);

        var preview = await order.PreviewAsync([ActorMessage.Of("create", Create, GrainsJsonContext.Default.CreateOrder)]);

        Assert.Equal(1, preview.Version);
        Assert.Equal((key.Id, OrderStatus.Open, "1001"), (preview.State!.OrderId, preview.State.Status, preview.State.OrderNumber));
        Assert.Null(await order.GetAsync());
        Assert.Equal(0, await Store.GetVersionAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_preview_throws_like_the_command_would()
    {
        var (_, order) = await NewConfirmedOrderAsync();

        var refusal = await Assert.ThrowsAsync<MessageFailedException>(() => order.PreviewAsync(
            [ActorMessage.Of("setOrderState", new SetOrderState("open"), GrainsJsonContext.Default.SetOrderState)]));

        Assert.Equal(ActorErrorKind.BusinessRule, refusal.Kind);
    }

    [Fact]
    public async Task History_lists_every_checkpoint_with_the_fields_it_changed()
    {
        var (_, order) = await NewConfirmedOrderAsync();

        var history = await order.GetHistoryAsync();

        Assert.Equal(new Pagination(50, 0, 3), history.Pagination);
        Assert.Equal([1L, 2L, 3L], history.Data.Select(e => e.Version));
        Assert.Null(history.Data[0].OldValue);
        Assert.Equal("open", (string?)history.Data[0].NewValue!["orderState"]);
        Assert.Equal(["total", "lines"], history.Data[1].NewValue!.Select(p => p.Key));
        AssertJson.Equal("""{"orderState":"open"}""", history.Data[2].OldValue);
        AssertJson.Equal("""{"orderState":"confirmed"}""", history.Data[2].NewValue);
    }

    [Fact]
    public async Task History_pages_by_offset()
    {
        var (_, order) = await NewConfirmedOrderAsync();

        var page = await order.GetHistoryAsync(limit: 1, offset: 1);

        Assert.Equal(2, Assert.Single(page.Data).Version);
        Assert.Equal(new Pagination(1, 1, 3), page.Pagination);
    }

    [Fact]
    public async Task Diff_between_two_points_names_each_changed_field_with_from_and_to()
    {
        var (_, order) = await NewConfirmedOrderAsync();
        var checkpoints = await order.GetCheckpointsAsync();

        var diff = await order.DiffAsync(new StatePointBody(checkpoints[0].CheckpointId, null, null), new StatePointBody(null, 3, null));

        Assert.Equal(["orderState", "total", "lines"], diff["changed"]!.AsObject().Select(p => p.Key));
        AssertJson.Equal("""{"from":"open","to":"confirmed"}""", diff["changed"]!["orderState"]);
        AssertJson.Equal("{}", diff["added"]);
        AssertJson.Equal("{}", diff["removed"]);
    }

    [Fact]
    public async Task GetState_answers_the_state_at_a_checkpoint_a_version_or_a_time_and_null_before_creation()
    {
        var (_, order) = await NewConfirmedOrderAsync();
        var checkpoints = await order.GetCheckpointsAsync();
        var second = DateTimeOffset.Parse(checkpoints[1].Timestamp, System.Globalization.CultureInfo.InvariantCulture);

        var byCheckpoint = await order.GetStateAsync(new StatePointBody(checkpoints[1].CheckpointId, null, null));
        var byVersion = await order.GetStateAsync(new StatePointBody(null, 2, null));
        var byTime = await order.GetStateAsync(new StatePointBody(null, null, second));

        Assert.Equal((OrderStatus.Open, 25m), (byVersion!.Status, byVersion.Total));
        Assert.Equivalent(byVersion, byCheckpoint, strict: true);
        Assert.Equivalent(byVersion, byTime, strict: true);
        Assert.Null(await order.GetStateAsync(new StatePointBody(null, 0, null)));
        Assert.Equal(2, (long)(await order.GetStateJsonAsync(new StatePointBody(null, 2, null)))!["version"]!);
    }

    [Fact]
    public async Task A_deleted_order_refuses_commands_until_undeleted()
    {
        var (_, order) = await NewConfirmedOrderAsync();

        await order.DeleteAsync();
        var refusal = await Assert.ThrowsAsync<MessageFailedException>(() => order.AddDeliveryAsync(new AddDelivery("d1")));
        await order.UndeleteAsync();
        await order.AddDeliveryAsync(new AddDelivery("d1"));

        Assert.Equal(ActorErrorKind.Deleted, refusal.Kind);
        Assert.Equal(["DELETE", "UNDELETE", "UPDATE"], (await order.GetCheckpointsAsync()).Skip(3).Select(c => c.Operation));
    }
}
