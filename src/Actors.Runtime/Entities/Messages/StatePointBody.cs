namespace Actors.Runtime.Entities.Messages;

/// <summary>Body of <c>getState</c>: exactly one of checkpoint id, version or time.</summary>
public sealed record StatePointBody(Guid? CheckpointId, long? Version, DateTimeOffset? AsOf);
