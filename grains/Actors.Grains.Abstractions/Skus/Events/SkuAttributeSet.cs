using Actors.Grains;

namespace Actors.Grains.Skus.Events;

/// <summary>Attribute <paramref name="Key"/> was set to <paramref name="Value"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SkuAttributeSet(string Key, string Value) : IActorEvent;
