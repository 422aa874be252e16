namespace Actors.Runtime.Entities.Messages;

/// <summary>What a mutating command answers: the checkpoint its batch made and the version after it.</summary>
public sealed record CommandResult(bool Success, Guid CheckpointId, long Version);
