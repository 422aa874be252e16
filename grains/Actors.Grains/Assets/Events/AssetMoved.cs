using Actors.Runtime.Entities;

namespace Actors.Grains.Assets.Events;

/// <summary>The asset was moved to <paramref name="Location"/>.</summary>
public sealed record AssetMoved(string Location) : IActorEvent;
