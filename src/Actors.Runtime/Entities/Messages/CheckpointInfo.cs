using System.Text.Json.Nodes;

namespace Actors.Runtime.Entities.Messages;

/// <summary>One checkpoint as <c>getCheckpoints</c> lists it.</summary>
public sealed record CheckpointInfo(Guid CheckpointId, string Timestamp, long Version, string Principal, string Operation, JsonNode? Metadata);
