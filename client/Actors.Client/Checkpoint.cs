using System.Text.Json;
using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>One checkpoint: the mutation set one batch made.</summary>
/// <param name="CheckpointId">Its id (a UUIDv7).</param>
/// <param name="Timestamp">When it committed, to the microsecond.</param>
/// <param name="Version">The actor's version after it (1 for the first).</param>
/// <param name="Principal">Who sent the batch.</param>
/// <param name="Operation">CREATE, UPDATE, REWIND, ERASE, DELETE or UNDELETE.</param>
/// <param name="Metadata"><c>commands</c> (the batch's mutating messages as <c>{type, ...body}</c>) and, for a rewind, <c>rewind</c> (its target).</param>
/// <param name="Reason">The reason the batch gave, if any (a rewind's <c>reason</c>).</param>
public sealed record Checkpoint(
    Guid CheckpointId,
    DateTimeOffset Timestamp,
    long Version,
    string Principal,
    string Operation,
    JsonObject? Metadata,
    string? Reason)
{
    /// <summary>The types of the batch's mutating messages, from <see cref="Metadata"/>.</summary>
    public IReadOnlyList<string> CommandTypes =>
        Metadata?["commands"] is JsonArray commands
            ? [.. commands.Select(c => (string?)c?["type"] ?? "?")]
            : [];

    /// <summary>For a REWIND, the checkpoint it went back to (<c>metadata.rewind</c>); null otherwise.</summary>
    public RewindPoint? Rewind =>
        Metadata?["rewind"] is JsonObject target
            ? target.Deserialize(ClientJsonContext.Default.RewindPoint)
            : null;
}
