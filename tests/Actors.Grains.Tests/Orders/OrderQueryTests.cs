using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Orders;

public abstract class OrderQueryTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : OrderQueryTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : OrderQueryTests(cluster);

    private async Task<ActorKey> NewOrderWithLinesAsync()
    {
        var key = NewKey("order");
        await SendAsync(
            key,
            Msg("create", """{"orderNumber":"1001","currency":"SEK"}"""),
            Msg("addOrderLine", """{"orderLineId":"l1","sku":"SKU-1","quantity":2,"unitPrice":10}"""),
            Msg("addOrderLine", """{"orderLineId":"l2","sku":"SKU-2","quantity":1,"unitPrice":5}"""),
            Msg("addDelivery", """{"deliveryId":"d1"}"""));
        return key;
    }

    [Fact]
    public async Task A_query_answers_exactly_the_asked_fields()
    {
        var key = await NewOrderWithLinesAsync();

        var order = await QueryAsync(key, """{"fields":["orderNumber","total","version"]}""");

        Assert.Equal(["orderNumber", "total", "version"], order.Select(p => p.Key));
        Assert.Equal("1001", (string?)order["orderNumber"]);
        AssertJson.Amount(25m, order["total"]);
        Assert.Equal(1, (long)order["version"]!);
    }

    [Fact]
    public async Task A_query_without_fields_answers_every_scalar_field_and_no_edge()
    {
        var key = await NewOrderWithLinesAsync();

        var order = await QueryAsync(key);

        Assert.Equal(
            ["orderId", "orderState", "orderNumber", "currency", "total", "customerEmail", "tags", "deleted", "version"],
            order.Select(p => p.Key));
    }

    [Fact]
    public async Task A_query_navigates_lines_and_deliveries_with_the_asked_node_fields()
    {
        var key = await NewOrderWithLinesAsync();

        var order = await QueryAsync(
            key,
            """
            {"fields":["orderId"],"navigate":[
              {"edge":"lines","node":{"fields":["sku","quantity"]}},
              {"edge":"deliveries"}]}
            """);

        AssertJson.Equal(
            $$"""
            {"orderId":"{{key.Id}}",
             "lines":[{"sku":"SKU-1","quantity":2},{"sku":"SKU-2","quantity":1}],
             "deliveries":[{"deliveryId":"d1","deliveryState":"pending"}]}
            """,
            order);
    }

    [Fact]
    public async Task Line_nodes_have_id_sku_quantity_unit_price_and_total()
    {
        var key = await NewOrderWithLinesAsync();

        var line = (await QueryAsync(key, """{"fields":[],"navigate":[{"edge":"lines"}]}"""))["lines"]![0]!.AsObject();

        Assert.Equal(["orderLineId", "sku", "quantity", "unitPrice", "total"], line.Select(p => p.Key));
    }

    [Theory]
    [InlineData("""{"fields":["colour"]}""", "'colour'")]
    [InlineData("""{"navigate":[{"edge":"payments"}]}""", "'payments'")]
    [InlineData("""{"navigate":[{"edge":"lines","node":{"fields":["colour"]}}]}""", "'colour'")]
    public async Task A_query_for_an_unknown_field_or_edge_is_invalid(string query, string named)
    {
        var key = await NewOrderWithLinesAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("query", $$"""{"query":{{query}}}"""));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_later_in_a_batch_sees_the_earlier_commands()
    {
        var key = NewKey("order");

        var result = await SendAsync(
            key,
            Msg("create", """{"currency":"SEK"}"""),
            Msg("addOrderLine", """{"sku":"SKU-1","quantity":3,"unitPrice":2}"""),
            Msg("query", """{"query":{"fields":["total","version"]}}"""));

        var answer = result.Results[^1].Result!;
        AssertJson.Amount(6m, answer["total"]);
        Assert.Equal(1, (long)answer["version"]!);
    }

    [Fact]
    public async Task Every_command_of_a_batch_answers_the_batch_checkpoint_and_version()
    {
        var key = await NewOrderWithLinesAsync();

        var result = await SendAsync(
            key,
            Msg("addOrderLine", """{"orderLineId":"l3","sku":"SKU-3","quantity":1,"unitPrice":1}"""),
            Msg("setOrderState", """{"orderState":"confirmed"}"""));

        Assert.Equal(2, result.Version);
        Assert.Equal(["addOrderLine", "setOrderState"], result.Results.Select(r => r.Type));
        var first = result.Results[0].Result!.AsObject();
        Assert.Equal(["success", "checkpointId", "version"], first.Select(p => p.Key));
        Assert.True((bool)first["success"]!);
        Assert.Equal(2, (long)first["version"]!);
        AssertJson.Equal(first, result.Results[1].Result);
    }

    [Fact]
    public async Task A_refused_message_discards_the_whole_batch_even_its_create()
    {
        var key = NewKey("order");

        var refusal = await RefusedAsync(
            key,
            ActorErrorKind.InvalidMessage,
            Msg("create", """{"currency":"SEK"}"""),
            Msg("addOrderLine", """{"sku":"SKU-1","quantity":1,"unitPrice":1}"""),
            Msg("addOrderLine", """{"sku":"SKU-1","quantity":0,"unitPrice":1}"""));

        Assert.Equal(2, refusal.MessageIndex);
        Assert.Equal(0, await Store.GetVersionAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Order_events_are_stored_under_stable_names()
    {
        var key = await NewOrderWithLinesAsync();
        await SendAsync(
            key,
            Msg("removeOrderLine", """{"orderLineId":"l2"}"""),
            Msg("setDeliveryState", """{"deliveryId":"d1","deliveryState":"shipped"}"""),
            Msg("setOrderState", """{"orderState":"confirmed"}"""));

        var sets = await Store.ReadAsync(key, 0, long.MaxValue, 10, CancellationToken.None);

        var names = sets.SelectMany(s => JsonNode.Parse(s.Events)!.AsArray().Select(e => (string?)e!["type"]));
        Assert.Equal(
            ["Order.Created", "Order.LineAdded", "Order.LineAdded", "Order.DeliveryAdded", "Order.LineRemoved", "Order.DeliveryStateChanged", "Order.StateChanged"],
            names);
    }

    [Fact]
    public async Task Rewind_restores_the_lines_and_the_total_they_had()
    {
        var key = await NewOrderWithLinesAsync();
        await SendAsync(key, Msg("removeOrderLine", """{"orderLineId":"l1"}"""), Msg("addDelivery", """{"deliveryId":"d2"}"""));
        var first = await QueryEverythingAsync(key);
        await SendAsync(key, Msg("setOrderState", """{"orderState":"cancelled"}"""));

        await SendAsync(key, Msg("rewind", """{"version":2}"""));

        var restored = await QueryEverythingAsync(key);
        restored["version"] = first["version"]!.GetValue<long>();
        AssertJson.Equal(first, restored);
    }

    [Fact]
    public async Task Order_events_replay_to_the_same_state_after_deactivation()
    {
        var key = await NewOrderWithLinesAsync();
        await SendAsync(
            key,
            Msg("removeOrderLine", """{"orderLineId":"l2"}"""),
            Msg("addTag", """{"key":"vip"}"""),
            Msg("setOrderState", """{"orderState":"confirmed"}"""),
            Msg("setDeliveryState", """{"deliveryId":"d1","deliveryState":"shipped"}"""));

        await AssertReplaysAsync(key);
    }
}
