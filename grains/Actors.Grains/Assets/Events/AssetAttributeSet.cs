using Actors.Runtime.Entities;

namespace Actors.Grains.Assets.Events;

/// <summary>Attribute <paramref name="Key"/> was set to <paramref name="Value"/>.</summary>
public sealed record AssetAttributeSet(string Key, string Value) : IActorEvent;
