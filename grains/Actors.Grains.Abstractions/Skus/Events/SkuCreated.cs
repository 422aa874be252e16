using Actors.Grains;

namespace Actors.Grains.Skus.Events;

/// <summary>The sku was created with no stock.</summary>
[GenerateSerializer, Immutable]
public sealed record SkuCreated(string SkuId, string SkuNumber, string Name, decimal Price, string Currency) : IActorEvent;
