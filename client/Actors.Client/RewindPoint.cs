namespace Actors.Client;

/// <summary>The checkpoint a rewind went back to.</summary>
/// <param name="CheckpointId">Its id.</param>
/// <param name="Version">Its version.</param>
/// <param name="Timestamp">When it committed.</param>
public sealed record RewindPoint(Guid CheckpointId, long Version, DateTimeOffset Timestamp);
