namespace Actors.Runtime.Entities.Events;

/// <summary>A tag was removed.</summary>
public sealed record TagRemoved(string Key) : IActorEvent;
