using Actors.Runtime.Entities;

namespace Actors.Grains.Assets.Events;

/// <summary>The asset was retired.</summary>
public sealed record AssetRetired : IActorEvent;
