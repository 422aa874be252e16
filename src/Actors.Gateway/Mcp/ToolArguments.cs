using System.Text.Json;
using Actors.Gateway.Http;
using Actors.Grains;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Actors.Gateway.Mcp;

/// <summary>
/// Checks a tool call's arguments against the tool's input schema before it runs: a required argument missing, an
/// unknown one or one of the wrong JSON type is a tool error with a 400 problem naming it, as a bad query parameter is over
/// REST (the SDK would otherwise answer a bare "An error occurred").
/// </summary>
internal static class ToolArguments
{
    /// <summary>The refusal of <paramref name="call"/>'s arguments, or null when they fit <paramref name="tool"/>'s schema.</summary>
    public static CallToolResult? Check(object? tool, CallToolRequestParams? call)
    {
        if (tool is not McpServerTool { ProtocolTool: { } protocol } || call is null)
        {
            return null;
        }

        var arguments = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, JsonElement>());
        return Mismatch(protocol.InputSchema, arguments, path: null) is { } detail ? Invalid(detail) : null;
    }

    /// <summary>
    /// Why <paramref name="value"/> does not fit <paramref name="schema"/>, naming the argument by its path
    /// (<c>messages[0].type</c>); null when it fits. Only what the tools' schemas use is checked: JSON types, enums,
    /// required and unknown properties, array items.
    /// </summary>
    private static string? Mismatch(JsonElement schema, JsonElement value, string? path)
    {
        if (path is not null && !Fits(schema, value))
        {
            return $"Argument '{path}' must be {Expected(schema)}, not {Kind(value)}{Described(schema)}.";
        }

        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out var given) || given.ValueKind == JsonValueKind.Null)
                    {
                        return $"Argument '{Join(path, name)}' is required{Described(properties.GetProperty(name))}.";
                    }
                }
            }

            foreach (var argument in value.EnumerateObject())
            {
                if (!properties.TryGetProperty(argument.Name, out var property))
                {
                    return $"Unknown argument '{Join(path, ActorAccess.Shorten(argument.Name))}'; {(path is null ? "the tool" : $"'{path}'")} takes {string.Join(", ", properties.EnumerateObject().Select(o => o.Name))}.";
                }

                if (Mismatch(property, argument.Value, Join(path, argument.Name)) is { } inner)
                {
                    return inner;
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (Mismatch(items, item, $"{path}[{index++}]") is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    private static string Join(string? path, string name) => path is null ? name : $"{path}.{name}";

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
        JsonValueKind.String => $"the string \"{ActorAccess.Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {ActorAccess.Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Described(JsonElement property) =>
        property.ValueKind == JsonValueKind.Object && property.TryGetProperty("description", out var description) && description.GetString() is { Length: > 0 } text
            ? $" ({text.TrimEnd('.')})"
            : "";

}
