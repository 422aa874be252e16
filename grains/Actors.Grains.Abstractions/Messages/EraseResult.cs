namespace Actors.Grains.Messages;

/// <summary>What <c>erase</c> answers: the ERASE checkpoint its batch made, the version after it, and the fields erased.</summary>
[GenerateSerializer, Immutable]
public sealed record EraseResult(bool Success, Guid CheckpointId, long Version, IReadOnlyList<string> ErasedFields);
