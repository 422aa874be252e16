using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Grains;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;

namespace Actors.Client.Tests;

public abstract partial class ClientBehaviourTests
{
    [Fact]
    public async Task Create_on_an_existing_actor_is_already_exists_with_the_failed_message()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);

        var refused = await Assert.ThrowsAsync<ActorRefusedException>(
            () => order.Batch().AddTag("x").Create(new CreateOrder(null, "SEK", null)).SendAsync());

        Assert.Equal((ActorErrorKind.AlreadyExists, 409, 1, "create"), (refused.Kind, refused.Status, refused.MessageIndex, refused.MessageType));
        Assert.Equal("urn:actors:problem:already-exists", refused.ProblemType);
        Assert.Contains("already exists", refused.Detail, StringComparison.Ordinal);
        Assert.Single(await order.GetCheckpointsAsync().ToListAsync());
    }

    [Theory]
    [InlineData("not-created", ActorErrorKind.NotFound, 404)]
    [InlineData("same-state", ActorErrorKind.BusinessRule, 422)]
    [InlineData("bad-quantity", ActorErrorKind.InvalidMessage, 400)]
    [InlineData("unknown-message", ActorErrorKind.InvalidMessage, 400)]
    [InlineData("deleted", ActorErrorKind.Deleted, 410)]
    public async Task Each_kind_of_refusal_is_a_typed_exception_with_its_status(string case_, ActorErrorKind kind, int status)
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        if (case_ == "deleted")
        {
            await order.Batch().Delete().SendAsync();
        }

        Task send = case_ switch
        {
            "not-created" => client.GetActor<IOrderActor>($"never-{Guid.NewGuid():N}").SendAsync(ActorCommand.AddTag("x")),
            "same-state" => order.Batch().SetOrderState("open").SendAsync(),
            "bad-quantity" => order.Batch().AddOrderLine(new AddOrderLine(null, "SKU", 0, 1m)).SendAsync(),
            "unknown-message" => order.SendAsync(ActorCommand.FromJson("fly", new JsonObject { ["to"] = "moon" })),
            _ => order.QueryAsync(),
        };
        var refused = await Assert.ThrowsAsync<ActorRefusedException>(() => send);

        Assert.Equal((kind, status), (refused.Kind, refused.Status));
        Assert.Equal(status, (int)refused.Problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace(refused.Title));
        Assert.False(string.IsNullOrWhiteSpace(refused.Detail));
    }

    [Fact]
    public async Task An_unknown_actor_type_and_an_invalid_id_are_refused_before_any_message_runs()
    {
        await using var client = Admin;

        var type = await Assert.ThrowsAsync<ActorRefusedException>(() => client.GetActor("spaceship", "s1").QueryAsync());
        var id = await Assert.ThrowsAsync<ActorRefusedException>(() => client.GetActor<IOrderActor>("no spaces!").QueryAsync());

        Assert.Equal((ActorErrorKind.NotFound, 404, (int?)null), (type.Kind, type.Status, type.MessageIndex));
        Assert.Equal((ActorErrorKind.InvalidMessage, 400), (id.Kind, id.Status));
    }

    [Fact]
    public async Task Expected_version_sends_if_match_and_a_moved_actor_is_precondition_failed()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);

        var accepted = await order.Batch().AddTag("a").SendAsync(new SendOptions { ExpectedVersion = 1 });
        var refused = await Assert.ThrowsAsync<ActorRefusedException>(
            () => order.Batch().AddTag("b").SendAsync(new SendOptions { ExpectedVersion = 1 }));

        Assert.Equal(2, accepted.Version);
        Assert.Equal((ActorErrorKind.PreconditionFailed, 412), (refused.Kind, refused.Status));
        Assert.Equal("""["a"]""", (await order.QueryAsync(ActorQuery.Select("tags")))["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task An_idempotency_key_applies_a_batch_once_and_refuses_its_reuse_for_another_batch()
    {
        await using var client = Admin;
        var order = await CreatedOrderAsync(client);
        var key = new SendOptions { IdempotencyKey = $"key-{Guid.NewGuid():N}" };

        var first = await order.Batch().AddTag("once").SendAsync(key);
        var again = await order.Batch().AddTag("once").SendAsync(key);
        var reused = await Assert.ThrowsAsync<ActorRefusedException>(() => order.Batch().AddTag("other").SendAsync(key));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.CheckpointId, again.CheckpointId);
        Assert.Equal((ActorErrorKind.IdempotencyKeyReused, 422), (reused.Kind, reused.Status));
        Assert.Equal("urn:actors:problem:idempotency-key-reused", reused.ProblemType);
        Assert.Equal(2, (await order.GetCheckpointsAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task GetActor_derives_the_type_from_the_interface_name()
    {
        await using var client = Admin;

        Assert.Equal(new ActorKey("order", "o1"), client.GetActor<IOrderActor>("o1").Key);
        Assert.Equal(new ActorKey("payment", "p1"), client.GetActor<Grains.Payments.IPaymentActor>("p1").Key);
        Assert.Throws<ArgumentException>(() => client.GetActor<IActorGrain>("x"));
    }
}
