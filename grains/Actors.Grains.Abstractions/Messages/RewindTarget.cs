namespace Actors.Grains.Messages;

/// <summary>The checkpoint a REWIND checkpoint went back to, as its metadata's <c>rewind</c> names it.</summary>
/// <param name="CheckpointId">The target checkpoint.</param>
/// <param name="Version">Its version.</param>
/// <param name="Timestamp">When it committed.</param>
[GenerateSerializer, Immutable]
public sealed record RewindTarget(Guid CheckpointId, long Version, string Timestamp);
