using System.Text.Json.Serialization;

namespace Actors.Grains.History;

/// <summary>Source-generated JSON for the history lifecycle's persisted grain states.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CompactionJobState))]
[JsonSerializable(typeof(RetentionPolicyState))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
