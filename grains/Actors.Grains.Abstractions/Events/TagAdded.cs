namespace Actors.Grains.Events;

/// <summary>A tag was added.</summary>
[GenerateSerializer, Immutable]
public sealed record TagAdded(string Key) : IActorEvent;
