using Actors.Grains;

namespace Actors.Grains.Skus.Events;

/// <summary>The stock changed by <paramref name="Delta"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record StockAdjusted(int Delta) : IActorEvent;
