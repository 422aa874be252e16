using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Actors.Grains.Messages;

/// <summary>One checkpoint as <c>getCheckpoints</c> lists it; <paramref name="Reason"/> only when the batch gave one.</summary>
[GenerateSerializer, Immutable]
public sealed record CheckpointInfo(
    Guid CheckpointId,
    string Timestamp,
    long Version,
    string Principal,
    string Operation,
    JsonNode? Metadata,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
