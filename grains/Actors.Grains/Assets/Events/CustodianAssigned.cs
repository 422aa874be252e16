using Actors.Runtime.Entities;

namespace Actors.Grains.Assets.Events;

/// <summary><paramref name="Custodian"/> now holds the asset.</summary>
public sealed record CustodianAssigned(string Custodian) : IActorEvent;
