using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Actors.Grains.Messages;

/// <summary>One checkpoint as <c>getHistory</c> lists it: what it changed, from what, to what; a REWIND also names its target.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryEntry(
    Guid EventId,
    long Version,
    string Timestamp,
    string Principal,
    string Operation,
    JsonObject? OldValue,
    JsonObject? NewValue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RewindTarget? Rewind = null);
