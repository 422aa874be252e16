using Actors.Abstractions.Errors;
using Actors.Grains.Skus.Commands;
using Actors.Grains.Skus.Events;
using Actors.Runtime.Entities;

namespace Actors.Grains.Skus;

/// <summary>A stock-keeping unit: its price, its stock level (never below 0) and free-form attributes.</summary>
public sealed class SkuActor : EntityActor<SkuState>, ISkuActor
{
    public static readonly ActorTypeDescriptor Type = ActorTypeDescriptor
        .For("sku", "Sku", "skuId", GrainsJsonContext.Default.SkuState, () => new SkuActor())
        .Command("create", GrainsJsonContext.Default.CreateSku)
        .Command("setPrice", GrainsJsonContext.Default.SetSkuPrice)
        .Command("adjustStock", GrainsJsonContext.Default.AdjustStock)
        .Command("setAttribute", GrainsJsonContext.Default.SetSkuAttribute)
        .Event("Created", GrainsJsonContext.Default.SkuCreated)
        .Event("PriceChanged", GrainsJsonContext.Default.SkuPriceChanged)
        .Event("StockAdjusted", GrainsJsonContext.Default.StockAdjusted)
        .Event("AttributeSet", GrainsJsonContext.Default.SkuAttributeSet)
        .Build();

    /// <inheritdoc />
    protected override ActorTypeDescriptor Descriptor => Type;

    /// <inheritdoc />
    protected override void HandleCommand(string type, object body, CommandContext context)
    {
        switch (body)
        {
            case CreateSku c:
                RaiseEvent(new SkuCreated(
                    Key.Id,
                    Required(c.SkuNumber, "skuNumber"),
                    Required(c.Name, "name"),
                    Validate.Money(c.Price, "price", positive: false),
                    Validate.Currency(c.Currency)));
                break;
            case SetSkuPrice c:
                RaiseEvent(new SkuPriceChanged(Validate.Money(c.Price, "price", positive: false)));
                break;
            case AdjustStock c:
                AdjustStock(c.Delta);
                break;
            case SetSkuAttribute c:
                var key = Required(c.Key, "key");
                RaiseEvent(new SkuAttributeSet(key, c.Value ?? throw ActorException.Invalid("Field 'value' is required.")));
                break;
            default:
                throw new InvalidOperationException($"The sku actor has no handler for '{type}'.");
        }
    }

    /// <inheritdoc />
    protected override SkuState ApplyEvent(SkuState? state, IActorEvent e) => e switch
    {
        SkuCreated c => new SkuState { SkuId = c.SkuId, SkuNumber = c.SkuNumber, Name = c.Name, Price = c.Price, Currency = c.Currency },
        SkuPriceChanged c => state! with { Price = c.Price },
        StockAdjusted a => state! with { Stock = state.Stock + a.Delta },
        SkuAttributeSet a => state! with { Attributes = state.Attributes.SetItem(a.Key, a.Value) },
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}"),
    };

    private void AdjustStock(int? delta)
    {
        switch (delta)
        {
            case null:
                throw ActorException.Invalid("Field 'delta' is required.");
            case 0:
                throw ActorException.Invalid("Field 'delta' must not be 0.");
        }

        var stock = TentativeState!.Stock;
        if (stock + delta.Value < 0)
        {
            throw ActorException.Rule($"Stock adjustment of {delta} would take the stock below 0 (stock is {stock}).");
        }

        RaiseEvent(new StockAdjusted(delta.Value));
    }
}
