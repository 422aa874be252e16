using System.Text.Json.Nodes;
using Actors.Grains;
using static Actors.Gateway.OpenApi.SharedSchemas;

namespace Actors.Gateway.OpenApi;

/// <summary>
/// One actor type's schemas, from its descriptor: every message as <c>{type, body}</c>, the batch as an array of
/// their union discriminated by <c>type</c>, the state, and what a batch answers.
/// </summary>
internal static class ActorSchemas
{
    /// <summary>The component name prefix of a type: <c>Order</c> (the stored event prefix).</summary>
    public static string Prefix(ActorTypeDescriptor type) => type.EventPrefix;

    public static string Message(ActorTypeDescriptor type) => $"{Prefix(type)}Message";

    public static string Batch(ActorTypeDescriptor type) => $"{Prefix(type)}Batch";

    public static string BatchAnswer(ActorTypeDescriptor type) => $"{Prefix(type)}BatchAnswer";

    public static string State(ActorTypeDescriptor type) => $"{Prefix(type)}State";

    public static string QueryResult(ActorTypeDescriptor type) => $"{Prefix(type)}QueryResult";

    public static string Variant(ActorTypeDescriptor type, string message) => $"{Prefix(type)}{char.ToUpperInvariant(message[0])}{message[1..]}Message";

    public static void AddTo(Components components, ActorTypeDescriptor type, int maxBatchLength)
    {
        components.Add(State(type), StateSchema(type));
        components.Add(QueryResult(type), new JsonObject
        {
            ["type"] = "object",
            ["description"] = $"The fields a query asked for ({string.Join(", ", type.ScalarFields)} when it names none), edges as arrays of nodes.",
            ["additionalProperties"] = true,
        });

        var variants = new JsonArray();
        var mapping = new JsonObject();
        foreach (var message in type.Messages.Values.OrderBy(m => m.Type, StringComparer.Ordinal))
        {
            var body = components.Export(message.BodyType, request: true);
            var name = Variant(type, message.Type);
            components.Add(name, new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"Needs {Permission(type, message.Kind)}. Answers {Describe(ResultOf(type, message))}.",
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["type"] = "string", ["const"] = message.Type },
                    ["body"] = new JsonObject { ["$ref"] = body["$ref"]!.DeepClone(), ["description"] = "May be omitted: the same as {}." },
                },
                ["required"] = new JsonArray("type"),
                ["additionalProperties"] = false,
            });
            variants.Add(Components.Ref(name));
            mapping[message.Type] = $"#/components/schemas/{name}";
        }

        components.Add(Message(type), new JsonObject
        {
            ["description"] = $"A message to a{(IsVowel(type.Name[0]) ? "n" : "")} {type.Name}, discriminated by type.",
            ["oneOf"] = variants,
            ["discriminator"] = new JsonObject { ["propertyName"] = "type", ["mapping"] = mapping },
        });
        components.Add(Batch(type), new JsonObject
        {
            ["type"] = "array",
            ["description"] = "The messages run in order, in one turn; every mutation in the batch is one checkpoint, or nothing persists.",
            ["items"] = Components.Ref(Message(type)),
            ["minItems"] = 1,
            ["maxItems"] = maxBatchLength,
        });

        var answers = type.Messages.Values.Select(m => ResultOf(type, m)).DistinctBy(r => r.ToJsonString()).ToList();
        answers.Add(Described(ArrayOf(Components.Ref(BatchResultItem)), "With ?results=all: every message's result."));
        components.Add(BatchAnswer(type), new JsonObject
        {
            ["description"] = "The last message's result (see each message), or with ?results=all an array of every message's result.",
            ["anyOf"] = new JsonArray([.. answers]),
        });
    }

    /// <summary>What a message answers: the result shape of each built-in message; a command's checkpoint.</summary>
    public static JsonObject ResultOf(ActorTypeDescriptor type, MessageDescriptor message) => (message.Type, message.Kind) switch
    {
        ("query", _) => Components.Ref(QueryResult(type)),
        ("getCheckpoints", _) => ArrayOf(Components.Ref("CheckpointInfo")),
        ("getActivityLog", _) => ArrayOf(Components.Ref("ActivityEntry")),
        ("getState", _) => Nullable(Components.Ref(State(type))),
        ("getHistory", _) => Components.Ref("HistoryPage"),
        ("diff", _) => Components.Ref(Diff),
        ("getPendingChanges", _) => ArrayOf(Components.Ref(PendingChange)),
        (_, MessageKind.Rewind) => Components.Ref("RewindResult"),
        (_, MessageKind.Erase) => Components.Ref("EraseResult"),
        (_, MessageKind.Write) => Components.Ref("CommandResult"),
        _ => new JsonObject(),
    };

    public static string Permission(ActorTypeDescriptor type, MessageKind kind) => kind switch
    {
        MessageKind.Read => $"actors/{type.Name}:read",
        MessageKind.Write => $"actors/{type.Name}:write",
        MessageKind.Erase => $"actors/{type.Name}:erase",
        _ => $"actors/{type.Name}:rewind (actors/{type.Name}:rewind:preview in preview)",
    };

    /// <summary>
    /// The state as the server serializes it, exported from the state record's own JSON metadata, plus the
    /// <c>version</c> every answer adds; sensitive fields say that they are masked.
    /// </summary>
    private static JsonObject StateSchema(ActorTypeDescriptor type)
    {
        var schema = SchemaExport.Export(type.StateType, State(type), request: false).AsObject();
        var properties = schema["properties"]!.AsObject();
        properties[ActorTypeDescriptor.VersionField] = new JsonObject
        {
            ["type"] = "integer",
            ["description"] = "The number of checkpoints at this state.",
        };
        foreach (var field in type.SensitiveFields)
        {
            if (properties[field] is JsonObject sensitive)
            {
                sensitive["description"] = $"Personal: stored sealed, masked (****1234) unless the token has actors/{type.Name}:pii, and null once erased (POST .../erase).";
            }
        }

        schema["description"] = $"A{(IsVowel(type.Name[0]) ? "n" : "")} {type.Name} as its events left it.";
        return schema;
    }

    private static string Describe(JsonObject result) =>
        result["$ref"] is { } reference ? ((string)reference!).Split('/')[^1]
        : result["items"]?["$ref"] is { } items ? $"an array of {((string)items!).Split('/')[^1]}"
        : result["anyOf"] is JsonArray { Count: > 0 } any ? $"{Describe((JsonObject)any[0]!)} or null"
        : "a result";

    private static bool IsVowel(char c) => "aeiou".Contains(c, StringComparison.Ordinal);
}
