using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Actors.Client;

/// <summary>Source-generated JSON for the answers the client reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<Checkpoint>))]
[JsonSerializable(typeof(List<WireActivityEntry>))]
[JsonSerializable(typeof(RewindPoint))]
[JsonSerializable(typeof(WireHistoryPage))]
[JsonSerializable(typeof(List<PendingChange>))]
[JsonSerializable(typeof(MutationSetEvent))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
