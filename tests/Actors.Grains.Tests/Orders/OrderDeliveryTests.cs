using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Orders;

public abstract class OrderDeliveryTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : OrderDeliveryTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : OrderDeliveryTests(cluster);

    /// <summary>A new order with delivery <c>d1</c> taken through <paramref name="states"/> (space-separated delivery states).</summary>
    private async Task<ActorKey> NewDeliveryAsync(string states = "")
    {
        var key = NewKey("order");
        var path = states.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await SendAsync(
            key,
            [
                Msg("create", """{"currency":"SEK"}"""),
                Msg("addDelivery", """{"deliveryId":"d1"}"""),
                .. path.Select(s => Msg("setDeliveryState", $$"""{"deliveryId":"d1","deliveryState":"{{s}}"}""")),
            ]);
        return key;
    }

    private async Task<string?> DeliveryStateAsync(ActorKey key) =>
        (string?)(await QueryAsync(key, """{"fields":[],"navigate":[{"edge":"deliveries"}]}"""))["deliveries"]![0]!["deliveryState"];

    [Fact]
    public async Task A_new_delivery_is_pending()
    {
        var key = await NewDeliveryAsync();

        var order = await QueryAsync(key, """{"fields":[],"navigate":[{"edge":"deliveries"}]}""");

        AssertJson.Equal("""{"deliveries":[{"deliveryId":"d1","deliveryState":"pending"}]}""", order);
    }

    [Fact]
    public async Task A_delivery_without_an_id_gets_a_generated_one()
    {
        var key = await NewDeliveryAsync();

        await SendAsync(key, Msg("addDelivery"));

        var deliveries = (await QueryAsync(key, """{"fields":[],"navigate":[{"edge":"deliveries"}]}"""))["deliveries"]!.AsArray();
        Assert.Equal(2, deliveries.Count);
        Assert.True(Guid.TryParse((string?)deliveries[1]!["deliveryId"], out _));
    }

    [Fact]
    public async Task A_delivery_id_already_on_the_order_is_refused()
    {
        var key = await NewDeliveryAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("addDelivery", """{"deliveryId":"d1"}"""));

        Assert.Contains("'deliveryId'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_order_takes_no_deliveries()
    {
        var key = NewKey("order");
        await SendAsync(key, Msg("create", """{"currency":"SEK"}"""), Msg("setOrderState", """{"orderState":"cancelled"}"""));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("addDelivery"));

        Assert.Contains("'cancelled'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("confirmed")]
    [InlineData("confirmed completed")]
    public async Task Confirmed_and_completed_orders_take_deliveries(string states)
    {
        var key = NewKey("order");
        await SendAsync(key, [Msg("create", """{"currency":"SEK"}"""), .. states.Split(' ').Select(s => Msg("setOrderState", $$"""{"orderState":"{{s}}"}"""))]);

        await SendAsync(key, Msg("addDelivery", """{"deliveryId":"d1"}"""));

        Assert.Equal("pending", await DeliveryStateAsync(key));
    }

    [Fact]
    public async Task A_delivery_moves_from_pending_to_shipped_to_delivered_to_returned()
    {
        var key = await NewDeliveryAsync();

        foreach (var state in new[] { "shipped", "delivered", "returned" })
        {
            await SendAsync(key, Msg("setDeliveryState", $$"""{"deliveryId":"d1","deliveryState":"{{state}}"}"""));
            Assert.Equal(state, await DeliveryStateAsync(key));
        }
    }

    [Fact]
    public async Task A_shipped_delivery_can_be_returned()
    {
        var key = await NewDeliveryAsync("shipped");

        await SendAsync(key, Msg("setDeliveryState", """{"deliveryId":"d1","deliveryState":"returned"}"""));

        Assert.Equal("returned", await DeliveryStateAsync(key));
    }

    [Theory]
    [InlineData("", "delivered")]
    [InlineData("", "returned")]
    [InlineData("", "pending")]
    [InlineData("shipped", "pending")]
    [InlineData("shipped delivered", "shipped")]
    [InlineData("shipped returned", "delivered")]
    public async Task A_delivery_cannot_skip_go_back_or_stay(string before, string target)
    {
        var key = await NewDeliveryAsync(before);

        var refusal = await RefusedAsync(
            key, ActorErrorKind.BusinessRule, Msg("setDeliveryState", $$"""{"deliveryId":"d1","deliveryState":"{{target}}"}"""));

        Assert.Contains("'deliveryState'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setting_the_state_of_a_delivery_the_order_does_not_have_is_refused()
    {
        var key = await NewDeliveryAsync();

        var refusal = await RefusedAsync(
            key, ActorErrorKind.BusinessRule, Msg("setDeliveryState", """{"deliveryId":"d2","deliveryState":"shipped"}"""));

        Assert.Contains("no delivery 'd2'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"deliveryId":"d1","deliveryState":"lost"}""", "deliveryState")]
    [InlineData("""{"deliveryId":"d1"}""", "deliveryState")]
    [InlineData("""{"deliveryState":"shipped"}""", "deliveryId")]
    public async Task A_malformed_delivery_state_change_is_invalid_and_names_the_field(string body, string field)
    {
        var key = await NewDeliveryAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("setDeliveryState", body));

        Assert.Contains($"'{field}'", refusal.Message, StringComparison.Ordinal);
    }
}
