namespace Actors.Grains.Messages;

/// <summary>Body of <c>getState</c>: exactly one of checkpoint id, version or time.</summary>
[GenerateSerializer, Immutable]
public sealed record StatePointBody(Guid? CheckpointId, long? Version, DateTimeOffset? AsOf);
