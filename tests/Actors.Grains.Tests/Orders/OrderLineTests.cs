using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Orders;

public abstract class OrderLineTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : OrderLineTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : OrderLineTests(cluster);

    private async Task<ActorKey> NewOrderAsync()
    {
        var key = NewKey("order");
        await SendAsync(key, Msg("create", """{"currency":"SEK"}"""));
        return key;
    }

    private static string Line(string id, string sku = "SKU-1", int quantity = 1, decimal unitPrice = 10m) =>
        $$"""{"orderLineId":"{{id}}","sku":"{{sku}}","quantity":{{quantity}},"unitPrice":{{unitPrice}}}""";

    [Fact]
    public async Task Adding_lines_sets_line_totals_and_the_order_total()
    {
        var key = await NewOrderAsync();

        await SendAsync(
            key,
            Msg("addOrderLine", Line("l1", "SKU-1", 2, 12.5m)),
            Msg("addOrderLine", Line("l2", "SKU-2", 3, 0.99m)));

        var order = await QueryAsync(key, """{"fields":["total"],"navigate":[{"edge":"lines"}]}""");
        AssertJson.Amount(27.97m, order["total"]);
        var lines = order["lines"]!.AsArray();
        Assert.Equal(["l1", "l2"], lines.Select(l => (string?)l!["orderLineId"]));
        Assert.Equal("SKU-1", (string?)lines[0]!["sku"]);
        Assert.Equal(2, (int)lines[0]!["quantity"]!);
        AssertJson.Amount(12.5m, lines[0]!["unitPrice"]);
        AssertJson.Amount(25m, lines[0]!["total"]);
        AssertJson.Amount(2.97m, lines[1]!["total"]);
    }

    [Fact]
    public async Task A_line_without_an_id_gets_a_generated_one()
    {
        var key = await NewOrderAsync();

        await SendAsync(key, Msg("addOrderLine", """{"sku":"SKU-1","quantity":1,"unitPrice":5}"""));

        var order = await QueryAsync(key, """{"fields":[],"navigate":[{"edge":"lines","node":{"fields":["orderLineId"]}}]}""");
        var id = (string?)order["lines"]![0]!["orderLineId"];
        Assert.True(Guid.TryParse(id, out _), $"'{id}' is not a generated id.");
    }

    [Fact]
    public async Task A_free_line_with_unit_price_zero_is_allowed()
    {
        var key = await NewOrderAsync();

        await SendAsync(key, Msg("addOrderLine", Line("gift", unitPrice: 0m)));

        AssertJson.Amount(0m, (await QueryAsync(key))["total"]);
    }

    [Fact]
    public async Task A_line_id_already_on_the_order_is_refused()
    {
        var key = await NewOrderAsync();
        await SendAsync(key, Msg("addOrderLine", Line("l1")));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("addOrderLine", Line("l1", "SKU-9")));

        Assert.Contains("'orderLineId'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_line_id_within_one_batch_is_refused_and_the_batch_leaves_nothing()
    {
        var key = await NewOrderAsync();

        await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("addOrderLine", Line("l1")), Msg("addOrderLine", Line("l1")));

        Assert.Empty((await QueryAsync(key, """{"navigate":[{"edge":"lines"}]}"""))["lines"]!.AsArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public async Task Line_quantity_must_be_between_1_and_a_million(int quantity)
    {
        var key = await NewOrderAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("addOrderLine", Line("l1", quantity: quantity)));

        Assert.Contains("'quantity'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"sku":"A","quantity":1.5,"unitPrice":1}""", "quantity")]
    [InlineData("""{"sku":"A","quantity":"2","unitPrice":1}""", "quantity")]
    [InlineData("""{"sku":"A","quantity":1,"unitPrice":"1"}""", "unitPrice")]
    [InlineData("""{"sku":"A","quantity":1,"unitPrice":1e40}""", "unitPrice")]
    [InlineData("""{"sku":"A","quantity":1,"unitPrice":-0.01}""", "unitPrice")]
    [InlineData("""{"sku":"A","quantity":1,"unitPrice":1000000000000000.01}""", "unitPrice")]
    [InlineData("""{"sku":"A","quantity":1}""", "unitPrice")]
    [InlineData("""{"sku":"A","unitPrice":1}""", "quantity")]
    [InlineData("""{"sku":" ","quantity":1,"unitPrice":1}""", "sku")]
    [InlineData("""{"quantity":1,"unitPrice":1}""", "sku")]
    [InlineData("""{"orderLineId":"has space","sku":"A","quantity":1,"unitPrice":1}""", "orderLineId")]
    public async Task A_malformed_line_is_invalid_and_names_the_field(string body, string field)
    {
        var key = await NewOrderAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("addOrderLine", body));

        Assert.Contains($"'{field}'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("confirmed")]
    [InlineData("cancelled")]
    public async Task Lines_cannot_be_added_unless_the_order_is_open(string state)
    {
        var key = await NewOrderAsync();
        await SendAsync(key, Msg("setOrderState", $$"""{"orderState":"{{state}}"}"""));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("addOrderLine", Line("l1")));

        Assert.Contains($"'orderState' is 'open', and it is '{state}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_line_takes_it_out_of_the_total()
    {
        var key = await NewOrderAsync();
        await SendAsync(key, Msg("addOrderLine", Line("l1", quantity: 2, unitPrice: 10m)), Msg("addOrderLine", Line("l2", unitPrice: 7m)));

        await SendAsync(key, Msg("removeOrderLine", """{"orderLineId":"l1"}"""));

        var order = await QueryAsync(key, """{"fields":["total"],"navigate":[{"edge":"lines","node":{"fields":["orderLineId"]}}]}""");
        AssertJson.Amount(7m, order["total"]);
        AssertJson.Equal("""[{"orderLineId":"l2"}]""", order["lines"]);
    }

    [Fact]
    public async Task Removing_a_line_the_order_does_not_have_is_refused()
    {
        var key = await NewOrderAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("removeOrderLine", """{"orderLineId":"nope"}"""));

        Assert.Contains("no line 'nope'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_line_without_its_id_is_invalid()
    {
        var key = await NewOrderAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("removeOrderLine"));

        Assert.Contains("'orderLineId'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_cannot_be_removed_once_the_order_is_confirmed()
    {
        var key = await NewOrderAsync();
        await SendAsync(key, Msg("addOrderLine", Line("l1")), Msg("setOrderState", """{"orderState":"confirmed"}"""));

        await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("removeOrderLine", """{"orderLineId":"l1"}"""));
    }

    [Fact]
    public async Task A_line_added_earlier_in_the_batch_can_be_removed_later_in_it()
    {
        var key = await NewOrderAsync();

        var result = await SendAsync(key, Msg("addOrderLine", Line("l1")), Msg("removeOrderLine", """{"orderLineId":"l1"}"""));

        Assert.Equal(2, result.Version);
        AssertJson.Amount(0m, (await QueryAsync(key))["total"]);
    }
}
