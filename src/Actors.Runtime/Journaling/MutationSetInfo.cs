namespace Actors.Runtime.Journaling;

/// <summary>What is recorded beside the events of a mutation set.</summary>
/// <param name="CheckpointId">The checkpoint's id, chosen before the append so results can name it.</param>
/// <param name="Principal">Who sent the batch.</param>
/// <param name="Operation">CREATE, UPDATE, REWIND, DELETE or UNDELETE.</param>
/// <param name="Metadata">JSON object stored with the checkpoint.</param>
/// <param name="Reason">Why, when the caller said.</param>
public sealed record MutationSetInfo(Guid CheckpointId, string Principal, string Operation, string Metadata, string? Reason);
