using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Grains.Messages;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Payments;

/// <summary>The payment as a .NET caller uses it: <see cref="IPaymentActor"/>'s typed methods, not JSON batches.</summary>
public abstract class PaymentGrainApiTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : PaymentGrainApiTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : PaymentGrainApiTests(cluster);

    /// <summary>A payment of 100 SEK created (version 1), authorized (2) and 60 of it captured (3).</summary>
    private async Task<(ActorKey Key, IPaymentActor Payment)> NewCapturedPaymentAsync()
    {
        var key = NewKey("payment");
        var payment = TypedGrain<IPaymentActor>(key);
        await payment.CreateAsync(new CreatePayment(100m, "SEK", "order-1", "4111 1111 1111 1111"));
        await payment.AuthorizeAsync();
        await payment.CaptureAsync(new CapturePayment(60m));
        return (key, payment);
    }

    [Fact]
    public async Task Typed_commands_take_a_payment_through_its_states_and_Get_returns_the_payment_state()
    {
        var key = NewKey("payment");
        var payment = TypedGrain<IPaymentActor>(key);

        await payment.CreateAsync(new CreatePayment(100m, "SEK", "order-1", "4111 1111 1111 1111"));
        await payment.AuthorizeAsync();
        await payment.CaptureAsync(new CapturePayment(null));
        var refunded = await payment.RefundAsync(new RefundPayment(100m));

        Assert.Equal((true, 4L), (refunded.Success, refunded.Version));
        var state = await payment.GetAsync();
        Assert.NotNull(state);
        Assert.Equal(
            (key.Id, PaymentStatus.Refunded, 100m, "SEK", 100m, 100m, "order-1", "4111111111111111"),
            (state.PaymentId, state.Status, state.Amount, state.Currency, state.CapturedAmount, state.RefundedAmount, state.OrderId, state.CardNumber));
    }

    [Fact]
    public async Task A_refused_capture_throws_the_business_rule_with_its_message()
    {
        var (_, payment) = await NewCapturedPaymentAsync();

        var refusal = await Assert.ThrowsAsync<MessageFailedException>(() => payment.CaptureAsync(new CapturePayment(50m)));

        Assert.Equal((ActorErrorKind.BusinessRule, "capture"), (refusal.Kind, refusal.MessageType));
        Assert.Equal("Capture of 50 exceeds the authorized amount not yet captured (40).", refusal.Message);
        Assert.Equal(60m, (await payment.GetAsync())!.CapturedAmount);
    }

    [Fact]
    public async Task A_typed_payment_created_twice_is_refused_as_already_existing()
    {
        var (_, payment) = await NewCapturedPaymentAsync();

        var refusal = await Assert.ThrowsAsync<MessageFailedException>(() => payment.CreateAsync(new CreatePayment(1m, "SEK", null, null)));

        Assert.Equal(ActorErrorKind.AlreadyExists, refusal.Kind);
    }

    [Fact]
    public async Task Checkpoints_list_each_typed_call_with_its_principal()
    {
        var key = NewKey("payment");
        var payment = TypedGrain<IPaymentActor>(key);

        using (ActingAs("shop"))
        {
            await payment.CreateAsync(new CreatePayment(10m, "EUR", null, null));
            await payment.AuthorizeAsync();
        }

        using (ActingAs("support"))
        {
            await payment.CancelAsync();
        }

        var checkpoints = await payment.GetCheckpointsAsync();
        Assert.Equal(
            [(1L, "shop", "create"), (2L, "shop", "authorize"), (3L, "support", "cancel")],
            checkpoints.Select(c => (c.Version, c.Principal, (string?)c.Metadata!["commands"]![0]!["type"])));
    }

    [Fact]
    public async Task Rewind_to_the_authorized_checkpoint_undoes_the_capture()
    {
        var (_, payment) = await NewCapturedPaymentAsync();
        var authorized = (await payment.GetCheckpointsAsync())[1];

        var rewind = await payment.RewindAsync(new RewindBody(authorized.CheckpointId, null, null, "captured by mistake", null));

        Assert.Equal((1L, 4L), (rewind.CheckpointsAffected, rewind.RewindVersion));
        var state = await payment.GetAsync();
        Assert.Equal((PaymentStatus.Authorized, 0m), (state!.Status, state.CapturedAmount));
        await payment.CaptureAsync(new CapturePayment(null));
        Assert.Equal(100m, (await payment.GetAsync())!.CapturedAmount);
    }

    [Fact]
    public async Task Preview_of_a_refund_answers_the_would_be_payment_and_persists_nothing()
    {
        var (key, payment) = await NewCapturedPaymentAsync();

        var preview = await payment.PreviewAsync(
        [
            ActorMessage.Of("refund", new RefundPayment(60m), GrainsJsonContext.Default.RefundPayment),
        ]);

        Assert.Equal(4, preview.Version);
        Assert.Equal((PaymentStatus.Refunded, 60m), (preview.State!.Status, preview.State.RefundedAmount));
        Assert.Equal(["/paymentState", "/refundedAmount"], preview.Changes.Select(c => (string?)c!["path"]));
        var state = await payment.GetAsync();
        Assert.Equal((PaymentStatus.Captured, 0m), (state!.Status, state.RefundedAmount));
        Assert.Equal(3, await Store.GetVersionAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Preview_of_a_read_only_batch_keeps_the_version()
    {
        var (_, payment) = await NewCapturedPaymentAsync();

        var preview = await payment.PreviewAsync([ActorMessage.Of("getPendingChanges")]);

        Assert.Equal(3, preview.Version);
        Assert.Empty(preview.Changes);
    }

    [Fact]
    public async Task History_and_diff_show_what_the_capture_changed()
    {
        var (_, payment) = await NewCapturedPaymentAsync();

        var history = await payment.GetHistoryAsync();
        var diff = await payment.DiffAsync(new StatePointBody(null, 2, null), new StatePointBody(null, 3, null));

        Assert.Equal(3, history.Pagination.Total);
        AssertJson.Equal("""{"paymentState":"authorized","capturedAmount":0}""", history.Data[2].OldValue);
        AssertJson.Equal("""{"paymentState":"captured","capturedAmount":60}""", history.Data[2].NewValue);
        AssertJson.Equal(
            """{"added":{},"changed":{"paymentState":{"from":"authorized","to":"captured"},"capturedAmount":{"from":0,"to":60}},"removed":{}}""",
            diff);
    }

    [Fact]
    public async Task GetState_answers_the_payment_as_it_was_at_each_version()
    {
        var (_, payment) = await NewCapturedPaymentAsync();

        var states = new List<PaymentState?>();
        foreach (var version in new long[] { 0, 1, 2, 3 })
        {
            states.Add(await payment.GetStateAsync(new StatePointBody(null, version, null)));
        }

        Assert.Null(states[0]);
        Assert.Equal([PaymentStatus.Pending, PaymentStatus.Authorized, PaymentStatus.Captured], states.Skip(1).Select(s => s!.Status));
        var refusal = await Assert.ThrowsAsync<MessageFailedException>(() => payment.GetStateAsync(new StatePointBody(null, 4, null)));
        Assert.Equal(ActorErrorKind.NotFound, refusal.Kind);
    }
}
