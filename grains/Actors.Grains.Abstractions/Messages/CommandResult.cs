namespace Actors.Grains.Messages;

/// <summary>What a mutating command answers: the checkpoint its batch made and the version after it.</summary>
[GenerateSerializer, Immutable]
public sealed record CommandResult(bool Success, Guid CheckpointId, long Version);
