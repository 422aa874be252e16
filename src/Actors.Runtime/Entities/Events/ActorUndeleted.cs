namespace Actors.Runtime.Entities.Events;

/// <summary>A soft delete was undone.</summary>
public sealed record ActorUndeleted : IActorEvent;
