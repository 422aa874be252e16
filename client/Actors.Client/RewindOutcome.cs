namespace Actors.Client;

/// <summary>What a rewind answered.</summary>
/// <param name="Success">Always true: a refused rewind throws instead.</param>
/// <param name="CheckpointId">The target checkpoint.</param>
/// <param name="Timestamp">The target checkpoint's time.</param>
/// <param name="CheckpointsAffected">How many checkpoints after the target were undone.</param>
/// <param name="Version">The version of the new rewind checkpoint (in a preview: the version it would have).</param>
public sealed record RewindOutcome(bool Success, Guid CheckpointId, DateTimeOffset Timestamp, long CheckpointsAffected, long Version);
