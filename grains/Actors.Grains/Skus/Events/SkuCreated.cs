using Actors.Runtime.Entities;

namespace Actors.Grains.Skus.Events;

/// <summary>The sku was created with no stock.</summary>
public sealed record SkuCreated(string SkuId, string SkuNumber, string Name, decimal Price, string Currency) : IActorEvent;
