using Actors.Runtime.Entities;

namespace Actors.Grains.Skus.Events;

/// <summary>The stock changed by <paramref name="Delta"/>.</summary>
public sealed record StockAdjusted(int Delta) : IActorEvent;
