namespace Actors.Runtime.Entities.Events;

/// <summary>The actor was soft-deleted.</summary>
public sealed record ActorDeleted : IActorEvent;
