using Actors.Grains;

namespace Actors.Grains.Assets.Events;

/// <summary>The asset was created, active.</summary>
[GenerateSerializer, Immutable]
public sealed record AssetCreated(string AssetId, string Name, string AssetType) : IActorEvent;
