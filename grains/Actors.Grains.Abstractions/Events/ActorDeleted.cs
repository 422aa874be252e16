namespace Actors.Grains.Events;

/// <summary>The actor was soft-deleted.</summary>
[GenerateSerializer, Immutable]
public sealed record ActorDeleted : IActorEvent;
