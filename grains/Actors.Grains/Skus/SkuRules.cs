using Actors.Abstractions.Errors;
using Actors.Grains.Skus.Commands;
using Actors.Grains.Skus.Events;
using Actors.Grains;

namespace Actors.Grains.Skus;

/// <summary>A stock-keeping unit: its price, its stock level (never below 0) and free-form attributes.</summary>
public sealed class SkuRules : ActorRules<SkuState>
{
    private SkuRules()
    {
    }

    /// <summary>The one instance: rules hold no state.</summary>
    public static SkuRules Instance { get; } = new();

    /// <inheritdoc />
    public override ActorTypeDescriptor Type => ActorTypes.Sku;

    /// <inheritdoc />
    public override void Decide(CommandTurn<SkuState> turn, string type, object command) => new Decision(turn).Handle(type, command);


    public override SkuState Apply(SkuState? state, IActorEvent e) => e switch
    {
        SkuCreated c => new SkuState { SkuId = c.SkuId, SkuNumber = c.SkuNumber, Name = c.Name, Price = c.Price, Currency = c.Currency },
        SkuPriceChanged c => state! with { Price = c.Price },
        StockAdjusted a => state! with { Stock = state.Stock + a.Delta },
        SkuAttributeSet a => state! with { Attributes = state.Attributes.SetItem(a.Key, a.Value) },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    /// <summary>One command's decision: validates it against the state so far and raises its events.</summary>
    private sealed class Decision(CommandTurn<SkuState> turn)
    {
        private SkuState Current => turn.State!;

        /// <inheritdoc />
        public void Handle(string type, object body)
        {
            switch (body)
            {
                case CreateSku c:
                    turn.Raise(new SkuCreated(
                        turn.Id,
                        Validate.Required(c.SkuNumber, "skuNumber"),
                        Validate.Required(c.Name, "name"),
                        Validate.Money(c.Price, "price", positive: false),
                        Validate.Currency(c.Currency)));
                    break;
                case SetSkuPrice c:
                    turn.Raise(new SkuPriceChanged(Validate.Money(c.Price, "price", positive: false)));
                    break;
                case AdjustStock c:
                    AdjustStock(c.Delta);
                    break;
                case SetSkuAttribute c:
                    var key = Validate.Required(c.Key, "key");
                    turn.Raise(new SkuAttributeSet(key, c.Value ?? throw ActorException.Invalid("Field 'value' is required.")));
                    break;
                default:
                    throw new InvalidOperationException($"The sku actor has no handler for '{type}'.");
            }
        }

        private void AdjustStock(int? delta)
        {
            switch (delta)
            {
                case null:
                    throw ActorException.Invalid("Field 'delta' is required.");
                case 0:
                    throw ActorException.Invalid("Field 'delta' must not be 0.");
            }

            var stock = Current.Stock;
            if (stock + delta.Value < 0)
            {
                throw ActorException.Rule($"Stock adjustment of {delta} would take the stock below 0 (stock is {stock}).");
            }

            turn.Raise(new StockAdjusted(delta.Value));
        }
    }
}
