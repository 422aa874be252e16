using Actors.Abstractions.Errors;
using Actors.Grains.Payments.Commands;
using Actors.Grains.Payments.Events;
using Actors.Grains;

namespace Actors.Grains.Payments;

/// <summary>A payment: pending → authorized → captured (in parts) → refunded (in parts); cancelled before capture.</summary>
public sealed class PaymentRules : ActorRules<PaymentState>
{
    private PaymentRules()
    {
    }

    /// <summary>The one instance: rules hold no state.</summary>
    public static PaymentRules Instance { get; } = new();

    /// <inheritdoc />
    public override ActorTypeDescriptor Type => ActorTypes.Payment;

    private const int MinCardDigits = 12;
    private const int MaxCardDigits = 19;


    /// <inheritdoc />
    public override void Decide(CommandTurn<PaymentState> turn, string type, object command) => new Decision(turn).Handle(type, command);


    public override PaymentState Apply(PaymentState? state, IActorEvent e) => e switch
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
        CardNumberSet c => state! with { CardNumber = c.CardNumber },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    /// <summary>One command's decision: validates it against the state so far and raises its events.</summary>
    private sealed class Decision(CommandTurn<PaymentState> turn)
    {
        private PaymentState Current => turn.State!;

        /// <inheritdoc />
        public void Handle(string type, object body)
        {
            switch (body)
            {
                case CreatePayment c:
                    turn.Raise(new PaymentCreated(
                        turn.Id,
                        Validate.Money(c.Amount, "amount", positive: true),
                        Validate.Currency(c.Currency),
                        Validate.OptionalId(c.OrderId, "orderId"),
                        CardNumber(c.CardNumber)));
                    break;
                case AuthorizePayment:
                    EnsureState(type, PaymentStatus.Pending);
                    turn.Raise(new PaymentAuthorized());
                    break;
                case CapturePayment c:
                    Capture(c.Amount is null ? null : Validate.Money(c.Amount, "amount", positive: true));
                    break;
                case RefundPayment c:
                    Refund(Validate.Money(c.Amount, "amount", positive: true));
                    break;
                case SetCardNumber c:
                    // The card is what gets authorized: it can change only before.
                    EnsureState(type, PaymentStatus.Pending);
                    turn.Raise(new CardNumberSet(CardNumber(Validate.Required(c.CardNumber, "cardNumber"))!));
                    break;
                case CancelPayment:
                    EnsureState(type, PaymentStatus.Pending, PaymentStatus.Authorized);
                    turn.Raise(new PaymentCancelled());
                    break;
                default:
                    throw new InvalidOperationException($"The payment actor has no handler for '{type}'.");
            }
        }

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

            turn.Raise(new PaymentCaptured(amount));
        }

        private void Refund(decimal amount)
        {
            EnsureState("refund", PaymentStatus.Captured, PaymentStatus.Refunded);
            var left = Current.CapturedAmount - Current.RefundedAmount;
            if (amount > left)
            {
                throw ActorException.Rule($"Refund of {amount} exceeds the captured amount not yet refunded ({left}).");
            }

            turn.Raise(new PaymentRefunded(amount));
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
}
