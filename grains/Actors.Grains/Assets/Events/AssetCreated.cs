using Actors.Runtime.Entities;

namespace Actors.Grains.Assets.Events;

/// <summary>The asset was created, active.</summary>
public sealed record AssetCreated(string AssetId, string Name, string AssetType) : IActorEvent;
