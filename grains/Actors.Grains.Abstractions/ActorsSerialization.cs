using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Serialization;

namespace Actors.Grains;

/// <summary>
/// Message bodies and results cross grain calls as System.Text.Json documents. Orleans serializes them with its JSON
/// codec, which the silo and every Orleans client must register: <c>services.AddSerializer(s =&gt; s.AddActorsJson())</c>.
/// </summary>
public static class ActorsSerialization
{
    /// <summary>Serializes <see cref="JsonElement"/> and <see cref="JsonNode"/> values as JSON.</summary>
    public static ISerializerBuilder AddActorsJson(this ISerializerBuilder builder) => builder.AddJsonSerializer(IsJsonDocument);

    /// <summary>True for the System.Text.Json document types that cross grain calls.</summary>
    public static bool IsJsonDocument(Type type) => type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type);
}
