using Actors.Grains.Messages;
using Actors.Grains.Skus.Commands;

namespace Actors.Grains.Skus;

/// <summary>A stock-keeping unit (grain type <c>sku</c>): price, stock and attributes.</summary>
public interface ISkuActor : IActorGrain<SkuState>
{
    /// <summary><c>create</c>: a new SKU with no stock.</summary>
    Task<CommandResult> CreateAsync(CreateSku command, CancellationToken cancellationToken = default);

    /// <summary><c>setPrice</c>.</summary>
    Task<CommandResult> SetPriceAsync(SetSkuPrice command, CancellationToken cancellationToken = default);

    /// <summary><c>adjustStock</c> by a delta; stock never goes below zero.</summary>
    Task<CommandResult> AdjustStockAsync(AdjustStock command, CancellationToken cancellationToken = default);

    /// <summary><c>setAttribute</c>: one key, one value.</summary>
    Task<CommandResult> SetAttributeAsync(SetSkuAttribute command, CancellationToken cancellationToken = default);
}
