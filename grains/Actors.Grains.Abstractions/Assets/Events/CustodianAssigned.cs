using Actors.Grains;

namespace Actors.Grains.Assets.Events;

/// <summary><paramref name="Custodian"/> now holds the asset.</summary>
[GenerateSerializer, Immutable]
public sealed record CustodianAssigned(string Custodian) : IActorEvent;
