using Actors.Grains.Messages;
using Actors.Grains.Payments.Commands;

namespace Actors.Grains.Payments;

/// <summary>A payment (grain type <c>payment</c>): pending → authorized → captured → refunded, or cancelled.</summary>
public interface IPaymentActor : IActorGrain<PaymentState>
{
    /// <summary><c>create</c>: a new payment, pending.</summary>
    Task<CommandResult> CreateAsync(CreatePayment command, CancellationToken cancellationToken = default);

    /// <summary><c>authorize</c> a pending payment.</summary>
    Task<CommandResult> AuthorizeAsync(CancellationToken cancellationToken = default);

    /// <summary><c>capture</c> at most the authorized amount (all of it when no amount is given).</summary>
    Task<CommandResult> CaptureAsync(CapturePayment command, CancellationToken cancellationToken = default);

    /// <summary><c>refund</c> at most what was captured and not yet refunded.</summary>
    Task<CommandResult> RefundAsync(RefundPayment command, CancellationToken cancellationToken = default);

    /// <summary><c>cancel</c> a payment nothing was captured of.</summary>
    Task<CommandResult> CancelAsync(CancellationToken cancellationToken = default);

    /// <summary><c>setCardNumber</c> of a pending payment (personal data: sealed at rest, erased by <c>erase</c>).</summary>
    Task<CommandResult> SetCardNumberAsync(SetCardNumber command, CancellationToken cancellationToken = default);
}
