using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Orders;

public abstract class OrderLifecycleTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : OrderLifecycleTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : OrderLifecycleTests(cluster);

    /// <summary>A new order taken through <paramref name="states"/> (space-separated order states).</summary>
    private async Task<ActorKey> NewOrderAsync(string states = "")
    {
        var key = NewKey("order");
        var path = states.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await SendAsync(key, [Msg("create", """{"currency":"SEK"}"""), .. path.Select(s => Msg("setOrderState", $$"""{"orderState":"{{s}}"}"""))]);
        return key;
    }

    [Fact]
    public async Task Create_starts_an_open_order_with_zero_total()
    {
        var key = NewKey("order");

        await SendAsync(key, Msg("create", """{"orderNumber":"1001","currency":"SEK","customerEmail":"ada@example.com"}"""));

        AssertJson.Equal(
            $$"""
            {"orderId":"{{key.Id}}","orderState":"open","orderNumber":"1001","currency":"SEK","total":0,
             "customerEmail":"ada@example.com","tags":[],"deleted":false,"version":1}
            """,
            await QueryAsync(key));
    }

    [Fact]
    public async Task Create_without_optional_fields_leaves_them_null()
    {
        var key = NewKey("order");

        await SendAsync(key, Msg("create", """{"currency":"EUR"}"""));

        var order = await QueryAsync(key, """{"fields":["orderNumber","customerEmail","currency"]}""");
        AssertJson.Equal("""{"orderNumber":null,"customerEmail":null,"currency":"EUR"}""", order);
    }

    [Fact]
    public async Task Create_without_currency_is_invalid()
    {
        var refusal = await RefusedAsync(NewKey("order"), ActorErrorKind.InvalidMessage, Msg("create", """{"orderNumber":"1"}"""));

        Assert.Contains("'currency'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sek")]
    [InlineData("SEKK")]
    [InlineData("S1K")]
    [InlineData("  ")]
    public async Task Create_with_a_currency_that_is_not_three_upper_case_letters_is_invalid(string currency)
    {
        var refusal = await RefusedAsync(NewKey("order"), ActorErrorKind.InvalidMessage, Msg("create", $$"""{"currency":"{{currency}}"}"""));

        Assert.Contains("'currency'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada lovelace@example.com")]
    public async Task Create_with_a_malformed_customer_email_is_invalid(string email)
    {
        var refusal = await RefusedAsync(
            NewKey("order"), ActorErrorKind.InvalidMessage, Msg("create", $$"""{"currency":"SEK","customerEmail":"{{email}}"}"""));

        Assert.Contains("'customerEmail'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_an_unknown_field_is_invalid()
    {
        var refusal = await RefusedAsync(NewKey("order"), ActorErrorKind.InvalidMessage, Msg("create", """{"currency":"SEK","colour":"red"}"""));

        Assert.Contains("'colour'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_on_an_existing_order_is_a_conflict()
    {
        var key = await NewOrderAsync();

        await RefusedAsync(key, ActorErrorKind.AlreadyExists, Msg("create", """{"currency":"SEK"}"""));
    }

    [Fact]
    public async Task A_command_to_an_order_never_created_is_not_found()
    {
        await RefusedAsync(NewKey("order"), ActorErrorKind.NotFound, Msg("setOrderState", """{"orderState":"confirmed"}"""));
    }

    [Fact]
    public async Task Order_moves_from_open_to_confirmed_to_completed()
    {
        var key = await NewOrderAsync();

        await SendAsync(key, Msg("setOrderState", """{"orderState":"confirmed"}"""));
        Assert.Equal("confirmed", (string?)(await QueryAsync(key))["orderState"]);
        await SendAsync(key, Msg("setOrderState", """{"orderState":"completed"}"""));

        var order = await QueryAsync(key, """{"fields":["orderState","version"]}""");
        AssertJson.Equal("""{"orderState":"completed","version":3}""", order);
    }

    [Theory]
    [InlineData("")]
    [InlineData("confirmed")]
    public async Task Open_and_confirmed_orders_can_be_cancelled(string before)
    {
        var key = await NewOrderAsync(before);

        await SendAsync(key, Msg("setOrderState", """{"orderState":"cancelled"}"""));

        Assert.Equal("cancelled", (string?)(await QueryAsync(key))["orderState"]);
    }

    [Theory]
    [InlineData("confirmed completed", "cancelled")]
    [InlineData("confirmed completed", "open")]
    [InlineData("cancelled", "open")]
    [InlineData("confirmed cancelled", "confirmed")]
    public async Task Completed_and_cancelled_orders_are_final(string before, string target)
    {
        var key = await NewOrderAsync(before);

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("setOrderState", $$"""{"orderState":"{{target}}"}"""));

        Assert.Contains("final", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "open")]
    [InlineData("confirmed", "confirmed")]
    public async Task Setting_the_order_state_it_already_has_is_refused(string before, string target)
    {
        var key = await NewOrderAsync(before);

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("setOrderState", $$"""{"orderState":"{{target}}"}"""));

        Assert.Contains($"already '{target}'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "completed")]
    [InlineData("confirmed", "open")]
    public async Task Order_state_cannot_skip_or_go_back(string before, string target)
    {
        var key = await NewOrderAsync(before);

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("setOrderState", $$"""{"orderState":"{{target}}"}"""));

        Assert.Contains("'orderState' cannot change", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"orderState":"shipped"}""")]
    [InlineData("""{"orderState":"Open"}""")]
    [InlineData("""{}""")]
    public async Task An_unknown_or_missing_order_state_is_invalid_and_names_the_field(string body)
    {
        var key = await NewOrderAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("setOrderState", body));

        Assert.Contains("'orderState'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_order_state_lists_the_allowed_values()
    {
        var key = await NewOrderAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("setOrderState", """{"orderState":"shipped"}"""));

        Assert.Contains("open, confirmed, completed, cancelled", refusal.Message, StringComparison.Ordinal);
    }
}
