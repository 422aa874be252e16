using Actors.Grains;

namespace Actors.Grains.Assets.Events;

/// <summary>The asset was retired.</summary>
[GenerateSerializer, Immutable]
public sealed record AssetRetired : IActorEvent;
