using Actors.Grains;

namespace Actors.Grains.Skus.Events;

/// <summary>The price was set to <paramref name="Price"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SkuPriceChanged(decimal Price) : IActorEvent;
