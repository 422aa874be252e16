using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>A field whose value differs between two points of history.</summary>
/// <param name="From">The value at the earlier point.</param>
/// <param name="To">The value at the later point.</param>
public sealed record FieldChange(JsonNode? From, JsonNode? To);
