namespace Actors.Grains.Events;

/// <summary>A tag was removed.</summary>
[GenerateSerializer, Immutable]
public sealed record TagRemoved(string Key) : IActorEvent;
