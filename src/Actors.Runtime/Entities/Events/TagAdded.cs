namespace Actors.Runtime.Entities.Events;

/// <summary>A tag was added.</summary>
public sealed record TagAdded(string Key) : IActorEvent;
