using Actors.Runtime.Entities;

namespace Actors.Grains.Skus.Events;

/// <summary>The price was set to <paramref name="Price"/>.</summary>
public sealed record SkuPriceChanged(decimal Price) : IActorEvent;
