using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Skus;

public abstract class SkuTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : SkuTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : SkuTests(cluster);

    private async Task<ActorKey> NewSkuAsync(params ActorMessage[] then)
    {
        var key = NewKey("sku");
        await SendAsync(key, [Msg("create", """{"skuNumber":"SKU-1","name":"Mug","price":49.90,"currency":"SEK"}"""), .. then]);
        return key;
    }

    [Fact]
    public async Task Create_starts_a_sku_with_no_stock()
    {
        var key = NewKey("sku");

        await SendAsync(key, Msg("create", """{"skuNumber":"SKU-1","name":"Mug","price":49.90,"currency":"SEK"}"""));

        AssertJson.Equal(
            $$"""
            {"skuId":"{{key.Id}}","skuNumber":"SKU-1","name":"Mug","price":49.90,"currency":"SEK","stock":0,
             "attributes":{},"tags":[],"deleted":false,"version":1}
            """,
            await QueryAsync(key));
    }

    [Fact]
    public async Task A_free_sku_with_price_zero_is_allowed()
    {
        var key = NewKey("sku");

        await SendAsync(key, Msg("create", """{"skuNumber":"FREE","name":"Sticker","price":0,"currency":"SEK"}"""));

        AssertJson.Amount(0m, (await QueryAsync(key))["price"]);
    }

    [Theory]
    [InlineData("""{"name":"Mug","price":1,"currency":"SEK"}""", "skuNumber")]
    [InlineData("""{"skuNumber":"S","price":1,"currency":"SEK"}""", "name")]
    [InlineData("""{"skuNumber":"S","name":"Mug","currency":"SEK"}""", "price")]
    [InlineData("""{"skuNumber":"S","name":"Mug","price":-1,"currency":"SEK"}""", "price")]
    [InlineData("""{"skuNumber":"S","name":"Mug","price":1}""", "currency")]
    [InlineData("""{"skuNumber":"S","name":"Mug","price":1,"currency":"usd"}""", "currency")]
    public async Task A_malformed_sku_is_invalid_and_names_the_field(string body, string field)
    {
        var refusal = await RefusedAsync(NewKey("sku"), ActorErrorKind.InvalidMessage, Msg("create", body));

        Assert.Contains($"'{field}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_price_changes_the_price()
    {
        var key = await NewSkuAsync();

        await SendAsync(key, Msg("setPrice", """{"price":59}"""));

        AssertJson.Amount(59m, (await QueryAsync(key))["price"]);
    }

    [Theory]
    [InlineData("""{"price":-0.01}""")]
    [InlineData("""{}""")]
    [InlineData("""{"price":null}""")]
    public async Task A_negative_or_missing_price_is_invalid(string body)
    {
        var key = await NewSkuAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("setPrice", body));

        Assert.Contains("'price'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adjust_stock_adds_and_removes_units()
    {
        var key = await NewSkuAsync();

        await SendAsync(key, Msg("adjustStock", """{"delta":10}"""), Msg("adjustStock", """{"delta":-4}"""));

        Assert.Equal(6, (long)(await QueryAsync(key))["stock"]!);
    }

    [Fact]
    public async Task Stock_may_go_down_to_exactly_zero()
    {
        var key = await NewSkuAsync(Msg("adjustStock", """{"delta":3}"""));

        await SendAsync(key, Msg("adjustStock", """{"delta":-3}"""));

        Assert.Equal(0, (long)(await QueryAsync(key))["stock"]!);
    }

    [Fact]
    public async Task Stock_never_goes_below_zero()
    {
        var key = await NewSkuAsync(Msg("adjustStock", """{"delta":3}"""));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("adjustStock", """{"delta":-4}"""));

        Assert.Equal("Stock adjustment of -4 would take the stock below 0 (stock is 3).", refusal.Message);
    }

    [Fact]
    public async Task Stock_taken_earlier_in_the_batch_counts()
    {
        var key = await NewSkuAsync(Msg("adjustStock", """{"delta":5}"""));

        await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("adjustStock", """{"delta":-3}"""), Msg("adjustStock", """{"delta":-3}"""));

        Assert.Equal(5, (long)(await QueryAsync(key))["stock"]!);
    }

    [Theory]
    [InlineData("""{"delta":0}""")]
    [InlineData("""{}""")]
    [InlineData("""{"delta":1.5}""")]
    [InlineData("""{"delta":"3"}""")]
    [InlineData("""{"delta":3000000000}""")]
    public async Task A_zero_missing_or_non_integer_delta_is_invalid(string body)
    {
        var key = await NewSkuAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("adjustStock", body));

        Assert.Contains("'delta'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_attribute_adds_or_replaces_one_attribute()
    {
        var key = await NewSkuAsync();

        await SendAsync(
            key,
            Msg("setAttribute", """{"key":"material","value":"stoneware"}"""),
            Msg("setAttribute", """{"key":"material","value":"porcelain"}"""));

        AssertJson.Equal("""{"material":"porcelain"}""", (await QueryAsync(key))["attributes"]);
    }

    [Theory]
    [InlineData("""{"value":"x"}""", "key")]
    [InlineData("""{"key":"k"}""", "value")]
    public async Task A_malformed_attribute_is_invalid_and_names_the_field(string body, string field)
    {
        var key = await NewSkuAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("setAttribute", body));

        Assert.Contains($"'{field}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sku_events_replay_to_the_same_state_after_deactivation()
    {
        var key = await NewSkuAsync(Msg("adjustStock", """{"delta":12}"""), Msg("setAttribute", """{"key":"colour","value":"blue"}"""));
        await SendAsync(key, Msg("setPrice", """{"price":45}"""), Msg("adjustStock", """{"delta":-2}"""));

        await AssertReplaysAsync(key);
    }
}
