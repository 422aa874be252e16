namespace Actors.Abstractions.Storage;

/// <summary>One row of the journal: the events of one batch, which is one checkpoint.</summary>
/// <param name="Actor">Whose mutation set this is.</param>
/// <param name="Version">1 for the first mutation set of the actor, then contiguous.</param>
/// <param name="CheckpointId">The checkpoint's public id.</param>
/// <param name="Timestamp">Commit time, UTC, truncated to whole microseconds (both stores keep exactly that).</param>
/// <param name="Principal">Who sent the batch.</param>
/// <param name="Operation">CREATE, UPDATE, REWIND, ERASE, DELETE or UNDELETE.</param>
/// <param name="Events">JSON array: <c>[{"type":"Order.TagAdded","data":{...}}, ...]</c>.</param>
/// <param name="Metadata">JSON object: <c>{"commands":[...]}</c> and, for rewinds, the target.</param>
/// <param name="Reason">Why, when the caller said (rewind, restore).</param>
/// <param name="GlobalVersion">Position in the one sequence every mutation set takes from; assigned by the store.</param>
[GenerateSerializer, Immutable]
public sealed record MutationSetRecord(
    ActorKey Actor,
    long Version,
    Guid CheckpointId,
    DateTimeOffset Timestamp,
    string Principal,
    string Operation,
    string Events,
    string Metadata,
    string? Reason,
    long GlobalVersion = 0);
