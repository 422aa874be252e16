using System.Text.Json;
using Actors.Gateway.Http;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Actors.Gateway.Mcp;

/// <summary>
/// Checks a tool call's arguments against the tool's input schema before it runs: a required argument missing, an
/// unknown one or one of the wrong JSON type is a tool error with a 400 problem naming it, as a bad query parameter is over
/// REST (the SDK would otherwise answer a bare "An error occurred").
/// </summary>
public static class ToolArguments
{
    /// <summary>The refusal of <paramref name="call"/>'s arguments, or null when they fit <paramref name="tool"/>'s schema.</summary>
    public static CallToolResult? Check(object? tool, CallToolRequestParams? call)
    {
        if (tool is not McpServerTool { ProtocolTool: { } protocol } || call is null)
        {
            return null;
        }

        var schema = protocol.InputSchema;
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var arguments = call.Arguments ?? new Dictionary<string, JsonElement>();
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    return Invalid($"Argument '{name}' is required{Described(properties, name)}.");
                }
            }
        }

        foreach (var (name, value) in arguments)
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var property))
            {
                var known = properties.ValueKind == JsonValueKind.Object ? string.Join(", ", properties.EnumerateObject().Select(o => o.Name)) : "";
                return Invalid($"Unknown argument '{ActorsShorten(name)}'; {protocol.Name} takes {known}.");
            }

            if (!Fits(property, value))
            {
                return Invalid($"Argument '{name}' must be {Expected(property)}, not {Kind(value)}{Described(properties, name)}.");
            }
        }

        return null;
    }

    private static CallToolResult Invalid(string detail) => ToolAnswers.Refusal(Problems.Details(StatusCodes.Status400BadRequest, detail));

    /// <summary>True when <paramref name="value"/> has one of the JSON types the schema allows (any, when it names none).</summary>
    private static bool Fits(JsonElement property, JsonElement value)
    {
        var types = Types(property);
        return types.Count == 0 || types.Any(t => t switch
        {
            "string" => value.ValueKind == JsonValueKind.String && EnumAllows(property, value),
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => true,
        });
    }

    private static bool EnumAllows(JsonElement property, JsonElement value) =>
        !property.TryGetProperty("enum", out var values) || values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == value.GetString());

    private static List<string> Types(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [];

    private static string Expected(JsonElement property)
    {
        var types = Types(property).Where(t => t != "null").ToList();
        var text = string.Join(" or ", types.Select(t => t switch { "integer" => "an integer", "array" => "an array", "object" => "an object", _ => $"a {t}" }));
        return property.TryGetProperty("enum", out var values)
            ? $"one of {string.Join(", ", values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()))}"
            : text;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{ActorsShorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {ActorsShorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Described(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var property)
        && property.TryGetProperty("description", out var description) && description.GetString() is { Length: > 0 } text
            ? $" ({text.TrimEnd('.')})"
            : "";

    private static string ActorsShorten(string value) => Actors.Grains.ActorAccess.Shorten(value);
}
