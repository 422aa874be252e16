using System.Text.Json.Nodes;
using Actors.Grains;
using static Actors.Gateway.OpenApi.OperationSpec;
using static Actors.Gateway.OpenApi.Responses;
using static Actors.Gateway.OpenApi.SharedSchemas;

namespace Actors.Gateway.OpenApi;

/// <summary>The routes under <c>/resources/actors/{type}</c>, described per actor type.</summary>
internal static class ActorOperations
{
    public static IEnumerable<OperationSpec> All =>
    [
        new("POST", "/resources/actors/{type}/{id}", t => PostBatch(t!)),
        new("GET", "/resources/actors/{type}/{id}/history", t => History(t!)),
        new("GET", "/resources/actors/{type}/{id}/diff", t => Diff(t!)),
        new("POST", "/resources/actors/{type}/{id}/restore", t => Restore(t!)),
        new("GET", "/resources/actors/{type}/{id}/replay", t => Replay(t!)),
        new("GET", "/resources/actors/{type}", t => List(t!)),
        new("POST", "/resources/actors/{type}/snapshots", t => StartSnapshot(t!)),
    ];

    private static string P(ActorTypeDescriptor type) => ActorSchemas.Prefix(type);

    private static JsonObject PostBatch(ActorTypeDescriptor type)
    {
        var operation = Operation("batches", $"post{P(type)}Batch", $"Send a batch of messages to a{An(type)} {type.Name}",
            $"Runs the messages in order in one turn of the {type.Name}; every mutation in the batch forms one checkpoint, " +
            "or nothing persists. Answers the last message's result, or every result with ?results=all. " +
            "Each message needs its own permission: read, write or rewind on this type.");
        operation["parameters"] = new JsonArray(
            Query("preview", "Run against an isolated copy and discard everything at the end: no checkpoint, no activity entry.", Flag()),
            Query("results", "last (default): the last message's result; all: an array of every message's result.",
                new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("last", "all"), ["default"] = "last" }),
            Header("If-Match", "Apply only if the actor is still at this version (an ETag it answered, e.g. \"3\"); otherwise 412."),
            Header("Idempotency-Key", "Apply at most once: a repeat with the same key answers the first result (1-200 visible ASCII characters)."));
        operation["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Components.Ref(ActorSchemas.Batch(type)) } },
        };
        var headers = HistoryHeaders();
        headers["Idempotent-Replayed"] = HeaderSchema("true when the answer is the stored result of an earlier request with the same Idempotency-Key.");
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("The result.", Components.Ref(ActorSchemas.BatchAnswer(type)), headers: headers)),
             .. Errors(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 500, 503)]);
        return operation;
    }

    private static JsonObject History(ActorTypeDescriptor type)
    {
        var operation = Operation("history", $"get{P(type)}History", $"A{An(type)} {type.Name}'s history, or its state at a time",
            "getHistory over GET: checkpoints oldest first with old and new values, paged by limit and offset. " +
            "With ?at= it is getState instead: the state as it was then (null before the actor existed).");
        operation["parameters"] = new JsonArray(
            Query("limit", "Page size, 1-1000.", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1000 }),
            Query("offset", "Checkpoints to skip.", new JsonObject { ["type"] = "integer", ["minimum"] = 0 }),
            Query("at", "A timestamp: answer the state as it was then instead.", String("date-time")));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("A page of history, or with ?at= the state then.",
                new JsonObject { ["anyOf"] = new JsonArray(Components.Ref("HistoryPage"), Nullable(Components.Ref(ActorSchemas.State(type)))) }, headers: HistoryHeaders())),
             .. Errors(400, 401, 403, 404, 410, 500, 503)]);
        return operation;
    }

    private static JsonObject Diff(ActorTypeDescriptor type)
    {
        var point = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "A version (digits), a checkpoint id or a timestamp.",
        };
        var operation = Operation("history", $"get{P(type)}Diff", $"What changed in a{An(type)} {type.Name} between two points",
            "diff over GET: fields added, changed (from, to) and removed between two points.");
        operation["parameters"] = new JsonArray(
            Query("from", "The earlier point: a version, a checkpoint id or a timestamp.", point, required: true),
            Query("to", "The later point: a version, a checkpoint id or a timestamp.", point.DeepClone().AsObject(), required: true));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("The difference.", Components.Ref(SharedSchemas.Diff), headers: HistoryHeaders())),
             .. Errors(400, 401, 403, 404, 410, 500, 503)]);
        return operation;
    }

    private static JsonObject Restore(ActorTypeDescriptor type)
    {
        var operation = Operation("history", $"restore{P(type)}", $"Restore a{An(type)} {type.Name} to a past point, with a reason",
            "A rewind carrying a required reason: a new REWIND checkpoint (history is never removed), audited as a restore. " +
            "Needs rewind permission. Answers 201 with the restored state.");
        operation["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject
            {
                ["application/json"] = new JsonObject
                {
                    ["schema"] = Object("Exactly one of at, checkpointId or version, and why.", ["reason"],
                        ("at", String("date-time")),
                        ("checkpointId", String("uuid")),
                        ("version", new JsonObject { ["type"] = "integer", ["minimum"] = 0 }),
                        ("reason", new JsonObject { ["type"] = "string", ["minLength"] = 1 }),
                        ("fields", Described(ArrayOf(String()), "Restore only these fields."))),
                },
            },
        };
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("201", (JsonNode?)Success("The restored state.", Components.Ref(ActorSchemas.State(type)), headers: ETag())),
             .. Errors(400, 401, 403, 404, 410, 413, 422, 500, 503)]);
        return operation;
    }

    private static JsonObject Replay(ActorTypeDescriptor type)
    {
        var operation = Operation("history", $"replay{P(type)}", $"Stream a{An(type)} {type.Name}'s checkpoints as server-sent events",
            "text/event-stream with one 'mutation' event per checkpoint from fromVersion (id: the version; data: a JSON object with " +
            "checkpointId, version, globalVersion, timestamp, principal, operation, reason, metadata and events). " +
            "With follow=true the stream stays open and sends new checkpoints as they commit; reconnect with Last-Event-ID. " +
            "Without fromVersion it starts where the actor's history starts; checkpoints below the boundary come from the archive " +
            "(Actors-History-Tier: archive); a fromVersion before a pruned boundary is 410.");
        operation["parameters"] = new JsonArray(
            Query("fromVersion", "The first version to send (default: where history starts, 1 unless pruned).", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["default"] = 1 }),
            Query("follow", "Keep the stream open for new checkpoints.", Flag()),
            Header("Last-Event-ID", "Resume after this version (the id of the last event received)."));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("The event stream.", String(), "text/event-stream", HistoryHeaders())),
             .. Errors(400, 401, 403, 404, 410, 500, 503)]);
        return operation;
    }

    private static JsonObject List(ActorTypeDescriptor type)
    {
        var operation = Operation("listings", $"list{P(type)}s", $"Every {type.Name}, now or as it was at a point",
            $"Every {type.Name} as it was at ?asOf= or ?atVersion= (now without either), in id order, paged, filtered by where.<field>=<value>.");
        var parameters = new JsonArray(
            Query("asOf", "A timestamp: the actors as they were then.", String("date-time")),
            Query("atVersion", "A global version: the actors as they were then.", new JsonObject { ["type"] = "integer", ["minimum"] = 0 }));
        foreach (var parameter in Paging(100))
        {
            parameters.Add(parameter);
        }

        foreach (var field in type.ScalarFields)
        {
            parameters.Add(Query($"where.{field}", $"Only actors whose {field} is this value.", String()));
        }

        operation["parameters"] = parameters;
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("A page of actors.", Object(null, ["data", "nextCursor"],
                ("data", ArrayOf(Components.Ref(ActorSchemas.State(type)))),
                ("nextCursor", Described(new JsonObject { ["type"] = new JsonArray("string", "null") }, "Pass as cursor for the next page; null at the end."))))),
             .. Errors(400, 401, 403, 500, 503)]);
        return operation;
    }

    private static JsonObject StartSnapshot(ActorTypeDescriptor type)
    {
        var operation = Operation("snapshots", $"start{P(type)}Snapshot", $"Export every {type.Name} as it was at a time",
            "Starts a compliance snapshot job; poll GET /resources/snapshots/{snapshotId}, then fetch its data as NDJSON. Audited.");
        operation["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject
            {
                ["application/json"] = new JsonObject
                {
                    ["schema"] = Object(null, ["at"], ("at", String("date-time")), ("reason", String())),
                },
            },
        };
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("202", (JsonNode?)Success("The job is started.", Object(null, ["snapshotId", "status"], ("snapshotId", String()), ("status", String())),
                headers: new JsonObject { ["Location"] = HeaderSchema("The job's status URL.") })),
             .. Errors(400, 401, 403, 413, 500, 503)]);
        return operation;
    }

    private static string An(ActorTypeDescriptor type) => "aeiou".Contains(type.Name[0], StringComparison.Ordinal) ? "n" : "";
}
