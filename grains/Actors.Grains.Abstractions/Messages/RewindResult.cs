namespace Actors.Grains.Messages;

/// <summary>What <c>rewind</c> answers: the target checkpoint, how many checkpoints after it were undone, and the new version.</summary>
[GenerateSerializer, Immutable]
public sealed record RewindResult(bool Success, Guid CheckpointId, string Timestamp, long CheckpointsAffected, long Version);
