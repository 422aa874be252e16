using Actors.Grains;

namespace Actors.Grains.Assets.Events;

/// <summary>Attribute <paramref name="Key"/> was set to <paramref name="Value"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record AssetAttributeSet(string Key, string Value) : IActorEvent;
