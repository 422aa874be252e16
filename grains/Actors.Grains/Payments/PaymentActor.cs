using Actors.Abstractions.Errors;
using Actors.Grains.Payments.Commands;
using Actors.Grains.Payments.Events;
using Actors.Runtime.Entities;

namespace Actors.Grains.Payments;

/// <summary>A payment: pending → authorized → captured (in parts) → refunded (in parts); cancelled before capture.</summary>
public sealed class PaymentActor : EntityActor<PaymentState>, IPaymentActor
{
    public static readonly ActorTypeDescriptor Type = ActorTypeDescriptor
        .For("payment", "Payment", "paymentId", GrainsJsonContext.Default.PaymentState, () => new PaymentActor())
        .Command("create", GrainsJsonContext.Default.CreatePayment)
        .Command("authorize", GrainsJsonContext.Default.AuthorizePayment)
        .Command("capture", GrainsJsonContext.Default.CapturePayment)
        .Command("refund", GrainsJsonContext.Default.RefundPayment)
        .Command("cancel", GrainsJsonContext.Default.CancelPayment)
        .Event("Created", GrainsJsonContext.Default.PaymentCreated)
        .Event("Authorized", GrainsJsonContext.Default.PaymentAuthorized)
        .Event("Captured", GrainsJsonContext.Default.PaymentCaptured)
        .Event("Refunded", GrainsJsonContext.Default.PaymentRefunded)
        .Event("Cancelled", GrainsJsonContext.Default.PaymentCancelled)
        .Sensitive("cardNumber")
        .Build();

    private const int MinCardDigits = 12;
    private const int MaxCardDigits = 19;

    /// <inheritdoc />
    protected override ActorTypeDescriptor Descriptor => Type;

    /// <summary>The payment with this batch's earlier events applied; never null past <c>create</c>.</summary>
    private PaymentState Current => TentativeState!;

    /// <inheritdoc />
    protected override void HandleCommand(string type, object body, CommandContext context)
    {
        switch (body)
        {
            case CreatePayment c:
                RaiseEvent(new PaymentCreated(
                    Key.Id,
                    Validate.Money(c.Amount, "amount", positive: true),
                    Validate.Currency(c.Currency),
                    Validate.OptionalId(c.OrderId, "orderId"),
                    CardNumber(c.CardNumber)));
                break;
            case AuthorizePayment:
                EnsureState(type, PaymentStatus.Pending);
                RaiseEvent(new PaymentAuthorized());
                break;
            case CapturePayment c:
                Capture(c.Amount is null ? null : Validate.Money(c.Amount, "amount", positive: true));
                break;
            case RefundPayment c:
                Refund(Validate.Money(c.Amount, "amount", positive: true));
                break;
            case CancelPayment:
                EnsureState(type, PaymentStatus.Pending, PaymentStatus.Authorized);
                RaiseEvent(new PaymentCancelled());
                break;
            default:
                throw new InvalidOperationException($"The payment actor has no handler for '{type}'.");
        }
    }

    /// <inheritdoc />
    protected override PaymentState ApplyEvent(PaymentState? state, IActorEvent e) => e switch
    {
        PaymentCreated c => new PaymentState
        {
            PaymentId = c.PaymentId,
            Status = PaymentStatus.Pending,
            Amount = c.Amount,
            Currency = c.Currency,
            OrderId = c.OrderId,
            CardNumber = c.CardNumber,
        },
        PaymentAuthorized => state! with { Status = PaymentStatus.Authorized },
        PaymentCaptured c => state! with { Status = PaymentStatus.Captured, CapturedAmount = state.CapturedAmount + c.Amount },
        PaymentRefunded r => state! with
        {
            RefundedAmount = state.RefundedAmount + r.Amount,
            Status = state.RefundedAmount + r.Amount == state.CapturedAmount ? PaymentStatus.Refunded : PaymentStatus.Captured,
        },
        PaymentCancelled => state! with { Status = PaymentStatus.Cancelled },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    private void Capture(decimal? asked)
    {
        EnsureState("capture", PaymentStatus.Authorized, PaymentStatus.Captured);
        var left = Current.Amount - Current.CapturedAmount;
        if (left == 0)
        {
            throw ActorException.Rule($"capture is refused: the whole amount ({Current.Amount}) is already captured.");
        }

        var amount = asked ?? left;
        if (amount > left)
        {
            throw ActorException.Rule($"Capture of {amount} exceeds the authorized amount not yet captured ({left}).");
        }

        RaiseEvent(new PaymentCaptured(amount));
    }

    private void Refund(decimal amount)
    {
        EnsureState("refund", PaymentStatus.Captured, PaymentStatus.Refunded);
        var left = Current.CapturedAmount - Current.RefundedAmount;
        if (amount > left)
        {
            throw ActorException.Rule($"Refund of {amount} exceeds the captured amount not yet refunded ({left}).");
        }

        RaiseEvent(new PaymentRefunded(amount));
    }

    private void EnsureState(string command, params PaymentStatus[] allowed)
    {
        if (!allowed.Contains(Current.Status))
        {
            throw ActorException.Rule(
                $"{command} is refused: field 'paymentState' is '{Name(Current.Status)}', and {command} needs {string.Join(" or ", allowed.Select(s => $"'{Name(s)}'"))}.");
        }
    }

    /// <summary>12–19 digits; the spaces people type between groups are removed.</summary>
    private static string? CardNumber(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var digits = value.Replace(" ", string.Empty, StringComparison.Ordinal);
        return digits.Length is >= MinCardDigits and <= MaxCardDigits && digits.All(char.IsAsciiDigit)
            ? digits
            : throw ActorException.Invalid($"Field 'cardNumber' must be {MinCardDigits}-{MaxCardDigits} digits (spaces allowed).");
    }

    private static string Name(PaymentStatus value) => WireEnum.Name(value, GrainsJsonContext.Default.PaymentStatus);
}
