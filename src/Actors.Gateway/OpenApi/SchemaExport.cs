using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Gateway.OpenApi;

/// <summary>
/// Turns the server's own JSON metadata into component schemas, so the document says what the serializer does:
/// <see cref="JsonSchemaExporter"/> for the shape, then <c>required</c> corrected to the wire's rules.
/// </summary>
internal static class SchemaExport
{
    /// <summary>
    /// The schema of <paramref name="typeInfo"/> as it would sit at <c>#/components/schemas/{name}</c>.
    /// A request shape lists as required only what the deserializer insists on (C# <c>required</c>, <c>[JsonRequired]</c>):
    /// the exporter would also list every constructor parameter, which the server lets a caller omit.
    /// A response shape lists every property the serializer always writes.
    /// </summary>
    public static JsonNode Export(JsonTypeInfo typeInfo, string name, bool request)
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) => Transform(context, schema, request),
        };
        var schema = typeInfo.GetJsonSchemaAsNode(options);
        RebaseReferences(schema, $"#/components/schemas/{name}");
        return schema;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema, bool request)
    {
        // "Anything" (JsonElement, JsonNode) is the boolean schema true; an empty object says the same and reads better.
        if (schema is JsonValue value && value.TryGetValue<bool>(out var anything) && anything)
        {
            return new JsonObject();
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject obj && obj.ContainsKey("properties"))
        {
            var required = context.TypeInfo.Properties
                .Where(p => request ? p.IsRequired : p.ShouldSerialize is null && p.Get is not null)
                .Select(p => (JsonNode)p.Name)
                .ToArray();
            obj.Remove("required");
            if (required.Length > 0)
            {
                obj["required"] = new JsonArray(required);
            }
        }

        return schema;
    }

    /// <summary>The exporter points recursive shapes at its own root (<c>#/properties/...</c>); the root is now a component.</summary>
    private static void RebaseReferences(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith('#'))
                {
                    obj["$ref"] = root + target[1..];
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RebaseReferences(child, root);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RebaseReferences(child, root);
                }

                break;
        }
    }
}
