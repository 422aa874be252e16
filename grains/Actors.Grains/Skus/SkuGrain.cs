using Actors.Grains.Messages;
using Actors.Grains.Skus.Commands;

namespace Actors.Grains.Skus;

/// <summary>The sku grain (grain type <c>sku</c>): its typed calls are one-message batches decided by <see cref="SkuRules"/>.</summary>
[GrainType("sku")]
public sealed class SkuGrain(ActorGrainServices services) : ActorGrain<SkuState>(SkuRules.Instance, services), ISkuActor
{
    /// <inheritdoc />
    public Task<CommandResult> CreateAsync(CreateSku command, CancellationToken cancellationToken = default) =>
        CommandAsync("create", command, GrainsJsonContext.Default.CreateSku, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetPriceAsync(SetSkuPrice command, CancellationToken cancellationToken = default) =>
        CommandAsync("setPrice", command, GrainsJsonContext.Default.SetSkuPrice, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> AdjustStockAsync(AdjustStock command, CancellationToken cancellationToken = default) =>
        CommandAsync("adjustStock", command, GrainsJsonContext.Default.AdjustStock, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SetAttributeAsync(SetSkuAttribute command, CancellationToken cancellationToken = default) =>
        CommandAsync("setAttribute", command, GrainsJsonContext.Default.SetSkuAttribute, cancellationToken);
}
