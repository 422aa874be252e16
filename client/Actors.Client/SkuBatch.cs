using Actors.Grains;
using Actors.Grains.Skus;
using Actors.Grains.Skus.Commands;

namespace Actors.Client;

/// <summary>The sku's commands on a batch: <c>sku.Batch().Create(new CreateSku("TS-1", "T-shirt", 199m, "SEK")).AdjustStock(10)</c>.</summary>
public static class SkuBatch
{
    /// <summary>Adds <c>create</c>: a new sku with stock 0.</summary>
    public static ActorBatch<ISkuActor> Create(this ActorBatch<ISkuActor> batch, CreateSku command) =>
        batch.Add(ActorCommand.Create("create", command, GrainsJsonContext.Default.CreateSku));

    /// <summary>Adds <c>setPrice</c>.</summary>
    public static ActorBatch<ISkuActor> SetPrice(this ActorBatch<ISkuActor> batch, decimal price) =>
        batch.Add(ActorCommand.Create("setPrice", new SetSkuPrice(price), GrainsJsonContext.Default.SetSkuPrice));

    /// <summary>Adds <c>adjustStock</c>: a non-zero change; stock never goes below 0.</summary>
    public static ActorBatch<ISkuActor> AdjustStock(this ActorBatch<ISkuActor> batch, int delta) =>
        batch.Add(ActorCommand.Create("adjustStock", new AdjustStock(delta), GrainsJsonContext.Default.AdjustStock));

    /// <summary>Adds <c>setAttribute</c>: sets or replaces attribute <paramref name="key"/>.</summary>
    public static ActorBatch<ISkuActor> SetAttribute(this ActorBatch<ISkuActor> batch, string key, string value) =>
        batch.Add(ActorCommand.Create("setAttribute", new SetSkuAttribute(key, value), GrainsJsonContext.Default.SetSkuAttribute));
}
