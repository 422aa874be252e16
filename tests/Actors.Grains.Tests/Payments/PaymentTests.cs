using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Payments;

public abstract class PaymentTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : PaymentTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : PaymentTests(cluster);

    /// <summary>A new payment of 100 SEK, then <paramref name="messages"/>.</summary>
    private async Task<ActorKey> NewPaymentAsync(params string[] messages)
    {
        var key = NewKey("payment");
        await SendAsync(key, [Msg("create", """{"amount":100,"currency":"SEK"}"""), .. messages.Select(m => Msg(m))]);
        return key;
    }

    private async Task<string?> PaymentStateAsync(ActorKey key) => (string?)(await QueryAsync(key))["paymentState"];

    [Fact]
    public async Task Create_starts_a_pending_payment_with_nothing_captured_or_refunded()
    {
        var key = NewKey("payment");

        await SendAsync(key, Msg("create", """{"amount":99.50,"currency":"SEK","orderId":"order-1","cardNumber":"4111111111111111"}"""));

        AssertJson.Equal(
            $$"""
            {"paymentId":"{{key.Id}}","paymentState":"pending","amount":99.50,"currency":"SEK","capturedAmount":0,
             "refundedAmount":0,"orderId":"order-1","cardNumber":"4111111111111111","tags":[],"deleted":false,"version":1}
            """,
            await QueryAsync(key));
    }

    [Fact]
    public async Task Spaces_in_the_card_number_are_removed()
    {
        var key = NewKey("payment");

        await SendAsync(key, Msg("create", """{"amount":1,"currency":"SEK","cardNumber":"4111 1111 1111 1111"}"""));

        Assert.Equal("4111111111111111", (string?)(await QueryAsync(key))["cardNumber"]);
    }

    [Theory]
    [InlineData("41111111111")]
    [InlineData("41111111111111111111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4111 1111 1111 111x")]
    [InlineData("")]
    public async Task A_card_number_that_is_not_12_to_19_digits_is_invalid(string cardNumber)
    {
        var refusal = await RefusedAsync(
            NewKey("payment"), ActorErrorKind.InvalidMessage, Msg("create", $$"""{"amount":1,"currency":"SEK","cardNumber":"{{cardNumber}}"}"""));

        Assert.Contains("'cardNumber'", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"amount":0,"currency":"SEK"}""", "amount")]
    [InlineData("""{"amount":-5,"currency":"SEK"}""", "amount")]
    [InlineData("""{"currency":"SEK"}""", "amount")]
    [InlineData("""{"amount":10}""", "currency")]
    [InlineData("""{"amount":10,"currency":"kr"}""", "currency")]
    [InlineData("""{"amount":10,"currency":"SEK","orderId":"no spaces allowed"}""", "orderId")]
    public async Task A_malformed_payment_is_invalid_and_names_the_field(string body, string field)
    {
        var refusal = await RefusedAsync(NewKey("payment"), ActorErrorKind.InvalidMessage, Msg("create", body));

        Assert.Contains($"'{field}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_number_is_a_sensitive_field()
    {
        Assert.Contains("cardNumber", ActorTypes.All.Find("payment")!.SensitiveFields);
    }

    [Fact]
    public async Task A_pending_payment_can_be_authorized()
    {
        var key = await NewPaymentAsync();

        await SendAsync(key, Msg("authorize"));

        Assert.Equal("authorized", await PaymentStateAsync(key));
    }

    [Theory]
    [InlineData("authorize")]
    [InlineData("authorize", "capture")]
    [InlineData("cancel")]
    public async Task Only_a_pending_payment_can_be_authorized(params string[] before)
    {
        var key = await NewPaymentAsync(before);

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("authorize"));

        Assert.Contains("needs 'pending'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_without_an_amount_captures_the_rest()
    {
        var key = await NewPaymentAsync("authorize");

        await SendAsync(key, Msg("capture"));

        var payment = await QueryAsync(key);
        Assert.Equal("captured", (string?)payment["paymentState"]);
        AssertJson.Amount(100m, payment["capturedAmount"]);
    }

    [Fact]
    public async Task A_payment_can_be_captured_in_parts()
    {
        var key = await NewPaymentAsync("authorize");

        await SendAsync(key, Msg("capture", """{"amount":30}"""));
        AssertJson.Amount(30m, (await QueryAsync(key))["capturedAmount"]);
        await SendAsync(key, Msg("capture", """{"amount":50}"""), Msg("capture"));

        var payment = await QueryAsync(key);
        Assert.Equal("captured", (string?)payment["paymentState"]);
        AssertJson.Amount(100m, payment["capturedAmount"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cancel")]
    public async Task Capture_needs_an_authorized_payment(string before)
    {
        var key = await NewPaymentAsync(before.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("capture"));

        Assert.Contains("'paymentState'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_more_than_is_left_is_refused()
    {
        var key = await NewPaymentAsync("authorize");
        await SendAsync(key, Msg("capture", """{"amount":70}"""));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("capture", """{"amount":50}"""));

        Assert.Equal("Capture of 50 exceeds the authorized amount not yet captured (30).", refusal.Message);
    }

    [Fact]
    public async Task Capture_of_a_fully_captured_payment_is_refused()
    {
        var key = await NewPaymentAsync("authorize", "capture");

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("capture"));

        Assert.Contains("already captured", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"amount":0}""")]
    [InlineData("""{"amount":-1}""")]
    [InlineData("""{"amount":"10"}""")]
    public async Task A_capture_amount_that_is_not_positive_is_invalid(string body)
    {
        var key = await NewPaymentAsync("authorize");

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("capture", body));

        Assert.Contains("'amount'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_refund_keeps_the_payment_captured()
    {
        var key = await NewPaymentAsync("authorize", "capture");

        await SendAsync(key, Msg("refund", """{"amount":40}"""));

        var payment = await QueryAsync(key);
        Assert.Equal("captured", (string?)payment["paymentState"]);
        AssertJson.Amount(40m, payment["refundedAmount"]);
    }

    [Fact]
    public async Task Refunding_everything_captured_marks_the_payment_refunded()
    {
        var key = await NewPaymentAsync("authorize");
        await SendAsync(key, Msg("capture", """{"amount":60}"""));

        await SendAsync(key, Msg("refund", """{"amount":25}"""), Msg("refund", """{"amount":35}"""));

        var payment = await QueryAsync(key);
        Assert.Equal("refunded", (string?)payment["paymentState"]);
        AssertJson.Amount(60m, payment["refundedAmount"]);
    }

    [Fact]
    public async Task Refund_more_than_captured_is_refused()
    {
        var key = await NewPaymentAsync("authorize");
        await SendAsync(key, Msg("capture", """{"amount":50}"""), Msg("refund", """{"amount":20}"""));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("refund", """{"amount":50}"""));

        Assert.Equal("Refund of 50 exceeds the captured amount not yet refunded (30).", refusal.Message);
    }

    [Fact]
    public async Task Refund_of_a_fully_refunded_payment_is_refused()
    {
        var key = await NewPaymentAsync("authorize", "capture");
        await SendAsync(key, Msg("refund", """{"amount":100}"""));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("refund", """{"amount":1}"""));

        Assert.Contains("not yet refunded (0)", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("authorize")]
    public async Task Refund_needs_a_captured_payment(string before)
    {
        var key = await NewPaymentAsync(before.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("refund", """{"amount":1}"""));

        Assert.Contains("'paymentState'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"amount":0}""")]
    public async Task A_refund_without_a_positive_amount_is_invalid(string body)
    {
        var key = await NewPaymentAsync("authorize", "capture");

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("refund", body));

        Assert.Contains("'amount'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_after_a_partial_refund_captures_what_is_left()
    {
        var key = await NewPaymentAsync("authorize");
        await SendAsync(key, Msg("capture", """{"amount":40}"""), Msg("refund", """{"amount":10}"""));

        await SendAsync(key, Msg("capture"));

        var payment = await QueryAsync(key);
        Assert.Equal("captured", (string?)payment["paymentState"]);
        AssertJson.Amount(100m, payment["capturedAmount"]);
        AssertJson.Amount(10m, payment["refundedAmount"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("authorize")]
    public async Task Pending_and_authorized_payments_can_be_cancelled(string before)
    {
        var key = await NewPaymentAsync(before.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        await SendAsync(key, Msg("cancel"));

        Assert.Equal("cancelled", await PaymentStateAsync(key));
    }

    [Theory]
    [InlineData("authorize capture")]
    [InlineData("cancel")]
    public async Task Captured_and_cancelled_payments_cannot_be_cancelled(string before)
    {
        var key = await NewPaymentAsync(before.Split(' '));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg("cancel"));

        Assert.Contains("needs 'pending' or 'authorized'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_without_fields_refuse_any_field()
    {
        var key = await NewPaymentAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("authorize", """{"amount":1}"""));

        Assert.Contains("'amount'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payment_events_replay_to_the_same_state_after_deactivation()
    {
        var key = await NewPaymentAsync("authorize");
        await SendAsync(key, Msg("capture", """{"amount":80}"""), Msg("refund", """{"amount":30}"""), Msg("addTag", """{"key":"checked"}"""));

        await AssertReplaysAsync(key);
    }
}
