using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Actors.Client;

/// <summary>One checkpoint as <c>getHistory</c> lists it: which fields it changed, from what, to what.</summary>
/// <param name="CheckpointId">The checkpoint (<c>eventId</c> on the wire).</param>
/// <param name="Version">The actor's version after it.</param>
/// <param name="Timestamp">When it committed.</param>
/// <param name="Principal">Who sent the batch.</param>
/// <param name="Operation">CREATE, UPDATE, REWIND, ERASE, DELETE or UNDELETE.</param>
/// <param name="OldValue">The values before it of the fields it changed or removed; null for the CREATE.</param>
/// <param name="NewValue">The values after it of the fields it changed or added.</param>
/// <param name="Reason">The reason the batch gave, if any.</param>
/// <param name="Rewind">For a REWIND, the checkpoint it went back to; null otherwise.</param>
public sealed record HistoryEntry(
    [property: JsonPropertyName("eventId")] Guid CheckpointId,
    long Version,
    DateTimeOffset Timestamp,
    string Principal,
    string Operation,
    JsonObject? OldValue,
    JsonObject? NewValue,
    string? Reason,
    RewindPoint? Rewind = null);
