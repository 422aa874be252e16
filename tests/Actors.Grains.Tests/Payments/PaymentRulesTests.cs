using Actors.Abstractions.Errors;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;
using Actors.Grains.Payments.Events;

namespace Actors.Grains.Tests.Payments;

/// <summary><see cref="PaymentRules"/> called directly: decide and apply need no silo, no journal and no Orleans.</summary>
public sealed class PaymentRulesTests
{
    private static readonly PaymentRules Rules = PaymentRules.Instance;

    private static CommandTurn<PaymentState> Turn(PaymentState? state) =>
        new(Rules, "pay-1", state, new CommandContext("tester", DateTimeOffset.UnixEpoch));

    /// <summary>A payment of 100 SEK, authorized, with <paramref name="captured"/> captured.</summary>
    private static PaymentState Authorized(decimal captured = 0m)
    {
        var state = Rules.Apply(Rules.Apply(null, new PaymentCreated("pay-1", 100m, "SEK", null, null)), new PaymentAuthorized());
        return captured == 0m ? state : Rules.Apply(state, new PaymentCaptured(captured));
    }

    [Fact]
    public void Create_removes_the_spaces_from_the_card_number()
    {
        var turn = Turn(null);

        Rules.Decide(turn, "create", new CreatePayment(10m, "SEK", null, "4111 1111 1111 1111"));

        Assert.Equal([new PaymentCreated("pay-1", 10m, "SEK", null, "4111111111111111")], turn.Events);
    }

    [Fact]
    public void Capture_without_an_amount_decides_the_rest_of_the_authorized_amount()
    {
        var turn = Turn(Authorized(captured: 30m));

        Rules.Decide(turn, "capture", new CapturePayment(null));

        Assert.Equal([new PaymentCaptured(70m)], turn.Events);
        Assert.Equal((PaymentStatus.Captured, 100m), (turn.State!.Status, turn.State.CapturedAmount));
    }

    [Fact]
    public void Capture_of_more_than_is_left_is_refused_as_a_business_rule()
    {
        var turn = Turn(Authorized(captured: 70m));

        var refusal = Assert.Throws<ActorException>(() => Rules.Decide(turn, "capture", new CapturePayment(50m)));

        Assert.Equal(ActorErrorKind.BusinessRule, refusal.Kind);
        Assert.Equal("Capture of 50 exceeds the authorized amount not yet captured (30).", refusal.Message);
        Assert.Empty(turn.Events);
    }

    [Fact]
    public void Refunding_everything_captured_applies_as_refunded_and_less_stays_captured()
    {
        var captured = Authorized(captured: 60m);

        var partly = Rules.Apply(captured, new PaymentRefunded(20m));
        var fully = Rules.Apply(partly, new PaymentRefunded(40m));

        Assert.Equal((PaymentStatus.Captured, 20m), (partly.Status, partly.RefundedAmount));
        Assert.Equal((PaymentStatus.Refunded, 60m), (fully.Status, fully.RefundedAmount));
    }
}
