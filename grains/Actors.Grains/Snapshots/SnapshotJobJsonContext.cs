using System.Text.Json.Serialization;

namespace Actors.Grains.Snapshots;

/// <summary>Source-generated JSON for the snapshot job's persisted state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SnapshotJobState))]
internal sealed partial class SnapshotJobJsonContext : JsonSerializerContext;
