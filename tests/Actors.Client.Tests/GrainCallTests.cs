using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Grains;
using Actors.Grains.Messages;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;

namespace Actors.Client.Tests;

/// <summary>
/// Typed grain calls without the actors client, as an Orleans caller makes them: the records go in and come back as
/// they are, and every refusal is one of the project's typed exceptions, never a bare Orleans one.
/// </summary>
public abstract class GrainCallTests
{
    /// <summary>Where the grains are reached from.</summary>
    protected abstract IGrainFactory Grains { get; }

    private IOrderActor NewOrder() => Grains.GetGrain<IOrderActor>($"ord-{Guid.NewGuid():N}");

    [Fact]
    public async Task Typed_commands_and_reads_round_trip_their_records_and_record_the_principal()
    {
        var order = NewOrder();
        ActorRequestContext.Principal = "typed-caller";

        var created = await order.CreateAsync(new CreateOrder("1001", "SEK", null));
        var line = await order.AddOrderLineAsync(new AddOrderLine("l1", "TSHIRT", 2, 199m));
        await order.AddTagAsync("vip");
        var state = await order.GetAsync();
        var then = await order.GetStateAsync(new StatePointBody(null, 1, null));
        var query = await order.QueryAsync(new QuerySpec(["orderId", "total", "tags"], null));
        var checkpoints = await order.GetCheckpointsAsync();
        var rewound = await order.RewindAsync(new RewindBody(null, 2, null, "tag by mistake", null));

        Assert.Equal((true, 1L, 2L), (created.Success, created.Version, line.Version));
        Assert.Equal((order.GetPrimaryKeyString(), OrderStatus.Open, "1001", 398m), (state!.OrderId, state.Status, state.OrderNumber, state.Total));
        Assert.Equal(("l1", "TSHIRT", 2), (state.Lines[0].OrderLineId, state.Lines[0].Sku, state.Lines[0].Quantity));
        Assert.Equal(["vip"], state.Tags);
        Assert.Equal((0m, 0), (then!.Total, then.Lines.Count));
        Assert.Equal($$"""{"orderId":"{{order.GetPrimaryKeyString()}}","total":398,"tags":["vip"]}""", query.ToJsonString());
        Assert.Equal([created.CheckpointId, line.CheckpointId], checkpoints.Take(2).Select(c => c.CheckpointId));
        Assert.All(checkpoints, c => Assert.Equal("typed-caller", c.Principal));
        Assert.Equal((true, 4L), (rewound.Success, rewound.RewindVersion));
        Assert.Empty((await order.GetAsync())!.Tags);
        Assert.Equal(4, await order.GetVersionAsync());
    }

    [Fact]
    public async Task A_batch_of_typed_messages_is_one_checkpoint()
    {
        var order = NewOrder();

        var result = await order.ExecuteAsync(new BatchRequest(
            [
                ActorMessage.Of("create", new CreateOrder(null, "SEK", null), GrainsJsonContext.Default.CreateOrder),
                ActorMessage.Of("addDelivery", new AddDelivery("d1"), GrainsJsonContext.Default.AddDelivery),
                ActorMessage.Of("query"),
            ],
            "batch-caller"));

        Assert.Equal(1, result.Version);
        Assert.Equal(["create", "addDelivery", "query"], result.Results.Select(r => r.Type));
        Assert.Equal(order.GetPrimaryKeyString(), (string?)result.Results[2].Result!["orderId"]);
        Assert.Equal("d1", Assert.Single((await order.GetAsync())!.Deliveries).DeliveryId);
        Assert.Equal("batch-caller", Assert.Single(await order.GetCheckpointsAsync()).Principal);
    }

    [Theory]
    [InlineData("already-exists", ActorErrorKind.AlreadyExists)]
    [InlineData("not-created", ActorErrorKind.NotFound)]
    [InlineData("same-state", ActorErrorKind.BusinessRule)]
    [InlineData("bad-quantity", ActorErrorKind.InvalidMessage)]
    [InlineData("deleted", ActorErrorKind.Deleted)]
    public async Task A_refused_typed_command_is_a_message_failed_exception_with_its_kind(string case_, ActorErrorKind kind)
    {
        var order = NewOrder();
        if (case_ != "not-created")
        {
            await order.CreateAsync(new CreateOrder(null, "SEK", null));
        }

        if (case_ == "deleted")
        {
            await order.DeleteAsync();
        }

        Task send = case_ switch
        {
            "already-exists" => order.CreateAsync(new CreateOrder(null, "SEK", null)),
            "same-state" => order.SetOrderStateAsync(new SetOrderState("open")),
            "bad-quantity" => order.AddOrderLineAsync(new AddOrderLine(null, "SKU", 0, 1m)),
            _ => order.AddTagAsync("x"),
        };
        var refused = await Assert.ThrowsAsync<MessageFailedException>(() => send);

        Assert.Equal((kind, 0), (refused.Kind, refused.MessageIndex));
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
    }

    [Fact]
    public async Task Refusals_of_a_batch_and_of_reads_keep_their_kind_and_failed_message()
    {
        var order = NewOrder();
        await order.CreateAsync(new CreateOrder(null, "SEK", null));

        var moved = await Assert.ThrowsAsync<ActorException>(
            () => order.ExecuteAsync(new BatchRequest([ActorMessage.Of("addTag", new TagBody("x"), MessagesJsonContext.Default.TagBody)], "p", ExpectedVersion: 7)));
        var unknown = await Assert.ThrowsAsync<MessageFailedException>(
            () => order.ExecuteAsync(new BatchRequest([ActorMessage.Of("query"), ActorMessage.Of("fly")], "p")));
        var noVersion = await Assert.ThrowsAsync<MessageFailedException>(() => order.GetStateAsync(new StatePointBody(null, 9, null)));
        var noCheckpoint = await Assert.ThrowsAsync<MessageFailedException>(() => order.RewindAsync(new RewindBody(Guid.NewGuid(), null, null, null, null)));

        Assert.Equal(ActorErrorKind.PreconditionFailed, moved.Kind);
        Assert.Equal((ActorErrorKind.InvalidMessage, 1, "fly"), (unknown.Kind, unknown.MessageIndex, unknown.MessageType));
        Assert.Equal((ActorErrorKind.NotFound, "getState"), (noVersion.Kind, noVersion.MessageType));
        Assert.Equal((ActorErrorKind.NotFound, "rewind"), (noCheckpoint.Kind, noCheckpoint.MessageType));
    }
}

/// <summary>Typed grain calls in the silo's own process, through its <see cref="IGrainFactory"/>.</summary>
[Collection(InSiloCollection.Name)]
public sealed class InSiloGrainCallTests(InSiloFixture fixture) : GrainCallTests
{
    protected override IGrainFactory Grains => fixture.Grains;
}

/// <summary>Typed grain calls through an external Orleans client connected to the silo's gateway port.</summary>
[Collection(OrleansClientCollection.Name)]
public sealed class OrleansClientGrainCallTests(OrleansClientFixture fixture) : GrainCallTests
{
    protected override IGrainFactory Grains => fixture.Cluster;
}
