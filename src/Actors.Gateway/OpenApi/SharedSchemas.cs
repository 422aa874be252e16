using System.Text.Json.Nodes;
using Actors.Grains;

namespace Actors.Gateway.OpenApi;

/// <summary>The shapes every actor type shares: the problem, results of the built-in messages, pages of the resource endpoints.</summary>
internal static class SharedSchemas
{
    public const string Problem = "Problem";
    public const string Diff = "Diff";
    public const string PendingChange = "PendingChange";
    public const string BatchResultItem = "BatchResultItem";

    public static void AddTo(Components components)
    {
        components.Add(Problem, Object(
            "RFC 9457 problem details: the one error shape of every 4xx and 5xx answer.",
            ["type", "title", "status", "detail"],
            ("type", Described(String(), "A stable URN per kind of error, e.g. urn:actors:problem:forbidden.")),
            ("title", String()),
            ("status", Described(Integer(), "The HTTP status.")),
            ("detail", Described(String(), "What went wrong, for people.")),
            ("instance", String()),
            ("messageIndex", Described(Integer(), "For a failed message in a batch: its index, from 0.")),
            ("messageType", Described(String(), "For a failed message in a batch: its type.")),
            ("permission", Described(String(), "For a 403: the missing permission, e.g. actors/order:rewind.")),
            ("traceId", String())));

        components.Add(Diff, Object(
            "The answer of diff: fields only in the later point, fields in both with another value, fields only in the earlier point.",
            ["added", "changed", "removed"],
            ("added", new JsonObject { ["type"] = "object" }),
            ("changed", new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = Object(null, ["from", "to"], ("from", new JsonObject()), ("to", new JsonObject())),
            }),
            ("removed", new JsonObject { ["type"] = "object" })));

        components.Add(PendingChange, Object(
            "A delta the batch so far would apply (getPendingChanges).",
            ["path", "operation"],
            ("path", String()),
            ("operation", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("add", "replace", "remove") }),
            ("before", new JsonObject()),
            ("after", new JsonObject())));

        components.Add(BatchResultItem, Object(
            "One message's result in a ?results=all answer.",
            ["type", "result"],
            ("type", Described(String(), "The message type.")),
            ("result", new JsonObject())));

        var json = MessagesJsonContext.Default;
        components.Export(json.CommandResult, request: false);
        components.Export(json.RewindResult, request: false);
        components.Export(json.EraseResult, request: false);
        components.Export(json.CheckpointInfo, request: false);
        components.Export(json.ActivityEntry, request: false);
        components.Export(json.HistoryPage, request: false);
    }

    public static JsonObject Object(string? description, string[] required, params (string Name, JsonNode Schema)[] properties)
    {
        var schema = new JsonObject { ["type"] = "object" };
        if (description is not null)
        {
            schema["description"] = description;
        }

        schema["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema)));
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }

        return schema;
    }

    public static JsonObject String(string? format = null) =>
        format is null ? new() { ["type"] = "string" } : new() { ["type"] = "string", ["format"] = format };

    public static JsonObject Integer() => new() { ["type"] = "integer", ["format"] = "int64" };

    public static JsonObject Nullable(JsonObject schema) => new() { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };

    public static JsonObject ArrayOf(JsonObject items) => new() { ["type"] = "array", ["items"] = items };

    public static JsonObject Described(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }
}
