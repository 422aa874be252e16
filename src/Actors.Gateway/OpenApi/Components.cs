using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Gateway.OpenApi;

/// <summary>The document's <c>components</c> as they are collected: schemas by name, each exported once.</summary>
internal sealed class Components
{
    private readonly SortedDictionary<string, JsonNode> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _exported = [];

    /// <summary>A reference to the component schema <paramref name="name"/>.</summary>
    public static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    /// <summary>Adds (or replaces) a hand-written schema and answers a reference to it.</summary>
    public JsonObject Add(string name, JsonNode schema)
    {
        _schemas[name] = schema;
        return Ref(name);
    }

    /// <summary>The schema of a serialized type, exported from its JSON metadata the first time it is asked for.</summary>
    public JsonObject Export(JsonTypeInfo typeInfo, bool request)
    {
        if (!_exported.TryGetValue(typeInfo.Type, out var name))
        {
            name = typeInfo.Type.Name;
            while (_schemas.ContainsKey(name))
            {
                name += "_";
            }

            _exported.Add(typeInfo.Type, name);
            _schemas[name] = SchemaExport.Export(typeInfo, name, request);
        }

        return Ref(name);
    }

    /// <summary>Every schema, in name order.</summary>
    public JsonObject ToJson() => new(_schemas.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value.DeepClone())));
}
