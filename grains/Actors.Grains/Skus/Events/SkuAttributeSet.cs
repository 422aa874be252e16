using Actors.Runtime.Entities;

namespace Actors.Grains.Skus.Events;

/// <summary>Attribute <paramref name="Key"/> was set to <paramref name="Value"/>.</summary>
public sealed record SkuAttributeSet(string Key, string Value) : IActorEvent;
