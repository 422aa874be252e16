using Actors.Grains;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;

namespace Actors.Client;

/// <summary>The payment's commands on a batch: <c>payment.Batch().Create(new CreatePayment(100m, "SEK", null, null)).Authorize()</c>.</summary>
public static class PaymentBatch
{
    /// <summary>Adds <c>create</c>: a new payment, <c>pending</c>.</summary>
    public static ActorBatch<IPaymentActor> Create(this ActorBatch<IPaymentActor> batch, CreatePayment command) =>
        batch.Add(ActorCommand.Create("create", command, GrainsJsonContext.Default.CreatePayment));

    /// <summary>Adds <c>authorize</c> (from pending).</summary>
    public static ActorBatch<IPaymentActor> Authorize(this ActorBatch<IPaymentActor> batch) =>
        batch.Add(ActorCommand.Create("authorize", new AuthorizePayment(), GrainsJsonContext.Default.AuthorizePayment));

    /// <summary>Adds <c>capture</c>; without <paramref name="amount"/> the rest of the authorized amount.</summary>
    public static ActorBatch<IPaymentActor> Capture(this ActorBatch<IPaymentActor> batch, decimal? amount = null) =>
        batch.Add(ActorCommand.Create("capture", new CapturePayment(amount), GrainsJsonContext.Default.CapturePayment));

    /// <summary>Adds <c>refund</c>, at most what was captured and not yet refunded.</summary>
    public static ActorBatch<IPaymentActor> Refund(this ActorBatch<IPaymentActor> batch, decimal amount) =>
        batch.Add(ActorCommand.Create("refund", new RefundPayment(amount), GrainsJsonContext.Default.RefundPayment));

    /// <summary>Adds <c>cancel</c> (from pending or authorized).</summary>
    public static ActorBatch<IPaymentActor> Cancel(this ActorBatch<IPaymentActor> batch) =>
        batch.Add(ActorCommand.Create("cancel", new CancelPayment(), GrainsJsonContext.Default.CancelPayment));

    /// <summary>Adds <c>setCardNumber</c> (while pending): the card to authorize (personal data).</summary>
    public static ActorBatch<IPaymentActor> SetCardNumber(this ActorBatch<IPaymentActor> batch, string cardNumber) =>
        batch.Add(ActorCommand.Create("setCardNumber", new SetCardNumber(cardNumber), GrainsJsonContext.Default.SetCardNumber));
}
