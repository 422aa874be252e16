namespace Actors.Runtime.Entities.Messages;

/// <summary>What <c>rewind</c> answers: the target checkpoint, how many checkpoints after it were undone, and the new version.</summary>
public sealed record RewindResult(bool Success, Guid CheckpointId, string Timestamp, long CheckpointsAffected, long Version);
