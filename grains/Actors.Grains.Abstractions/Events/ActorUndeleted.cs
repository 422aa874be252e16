namespace Actors.Grains.Events;

/// <summary>A soft delete was undone.</summary>
[GenerateSerializer, Immutable]
public sealed record ActorUndeleted : IActorEvent;
