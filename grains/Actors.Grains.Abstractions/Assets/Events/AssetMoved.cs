using Actors.Grains;

namespace Actors.Grains.Assets.Events;

/// <summary>The asset was moved to <paramref name="Location"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record AssetMoved(string Location) : IActorEvent;
