using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>
/// One mutation set of a replay (one checkpoint with its stored events), as the replay stream's <c>mutation</c>
/// events carry it.
/// </summary>
/// <param name="CheckpointId">The checkpoint's id.</param>
/// <param name="Version">The actor's version after it; replays are in version order without gaps.</param>
/// <param name="GlobalVersion">Its place in the one sequence every actor's mutation sets take from.</param>
/// <param name="Timestamp">When it committed, to the microsecond.</param>
/// <param name="Principal">Who sent the batch.</param>
/// <param name="Operation">CREATE, UPDATE, REWIND, ERASE, DELETE or UNDELETE.</param>
/// <param name="Reason">The reason the batch gave, if any.</param>
/// <param name="Metadata"><c>commands</c> (the batch's mutating messages) and, for a rewind, its target.</param>
/// <param name="Events">The stored events, <c>[{ "type": "Order.TagAdded", "data": { ... } }, ...]</c>.</param>
public sealed record MutationSetEvent(
    Guid CheckpointId,
    long Version,
    long GlobalVersion,
    DateTimeOffset Timestamp,
    string Principal,
    string Operation,
    string? Reason,
    JsonObject? Metadata,
    JsonArray Events)
{
    /// <summary>The types of the batch's mutating messages, from <see cref="Metadata"/>.</summary>
    public IReadOnlyList<string> CommandTypes =>
        Metadata?["commands"] is JsonArray commands
            ? [.. commands.Select(c => (string?)c?["type"] ?? "?")]
            : [];

    /// <summary>The types of the stored events, e.g. <c>Order.TagAdded</c>.</summary>
    public IReadOnlyList<string> EventTypes => [.. Events.Select(e => (string?)e?["type"] ?? "?")];
}
