using Actors.Grains.Messages;
using Actors.Grains.Payments.Commands;

namespace Actors.Grains.Payments;

/// <summary>The payment grain (grain type <c>payment</c>): its typed calls are one-message batches decided by <see cref="PaymentRules"/>.</summary>
[GrainType("payment")]
public sealed class PaymentGrain(ActorGrainServices services) : ActorGrain<PaymentState>(PaymentRules.Instance, services), IPaymentActor
{
    /// <inheritdoc />
    public Task<CommandResult> CreateAsync(CreatePayment command, CancellationToken cancellationToken = default) =>
        CommandAsync("create", command, GrainsJsonContext.Default.CreatePayment, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> AuthorizeAsync(CancellationToken cancellationToken = default) =>
        CommandAsync("authorize", new AuthorizePayment(), GrainsJsonContext.Default.AuthorizePayment, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> CaptureAsync(CapturePayment command, CancellationToken cancellationToken = default) =>
        CommandAsync("capture", command, GrainsJsonContext.Default.CapturePayment, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> RefundAsync(RefundPayment command, CancellationToken cancellationToken = default) =>
        CommandAsync("refund", command, GrainsJsonContext.Default.RefundPayment, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> CancelAsync(CancellationToken cancellationToken = default) =>
        CommandAsync("cancel", new CancelPayment(), GrainsJsonContext.Default.CancelPayment, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetCardNumberAsync(SetCardNumber command, CancellationToken cancellationToken = default) =>
        CommandAsync("setCardNumber", command, GrainsJsonContext.Default.SetCardNumber, cancellationToken);
}
