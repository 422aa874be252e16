using System.Text.Json.Nodes;
using static Actors.Gateway.OpenApi.OperationSpec;
using static Actors.Gateway.OpenApi.Responses;
using static Actors.Gateway.OpenApi.SharedSchemas;

namespace Actors.Gateway.OpenApi;

/// <summary>The routes that concern no single actor type: events, version, audit, snapshots, history compaction, identity, health, console.</summary>
internal static class ResourceOperations
{
    public static IEnumerable<OperationSpec> All =>
    [
        new("GET", "/resources/events", _ => Events()),
        new("GET", "/resources/version", _ => Version()),
        new("GET", "/resources/audit", _ => Audit()),
        new("GET", "/resources/snapshots/{snapshotId}", _ => Snapshot()),
        new("GET", "/resources/snapshots/{snapshotId}/data", _ => SnapshotData()),
        new("POST", "/resources/history/compact", _ => Compact()),
        new("GET", "/resources/history/compactions/{jobId}", _ => Compaction()),
        new("GET", "/resources/me", _ => Me()),
        new("GET", "/health/live", _ => Health("live", "The process answers.")),
        new("GET", "/health/ready", _ => Health("ready", "The process and its journal store answer; 503 when storage does not, or while the silo stops.")),
        new("GET", "/console", _ => Console()),
        new("GET", "/console/{name}", _ => ConsoleFile()),
        new("GET", OpenApiDocumentBuilder.DocumentPath, _ => Document()),
    ];

    private static JsonObject Events()
    {
        var operation = Operation("events", "getEvents", "Events across actors",
            "Stored events in a stable order, filtered by event type (Order.TagAdded, or Order.* for every order event), actor, principal and time.");
        operation["parameters"] = new JsonArray(
        [
            Query("type", "An event type (Order.TagAdded) or every event of a type (Order.*).", String()),
            .. ActorFilters(),
            .. Paging(100),
        ]);
        var item = Object(null, ["eventId", "type", "actorType", "actorId", "version", "globalVersion", "timestamp", "principal", "data"],
            ("eventId", String()), ("type", String()), ("actorType", String()), ("actorId", String()), ("version", Integer()),
            ("globalVersion", Integer()), ("timestamp", String()), ("principal", String()), ("data", new JsonObject()));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("A page of events.", Object(null, ["data", "nextCursor", "hasMore"],
                ("data", ArrayOf(item)), ("nextCursor", String()), ("hasMore", new JsonObject { ["type"] = "boolean" })),
                headers: new JsonObject { ["Actors-History-Tier"] = HeaderSchema("archive when any event of the page came from the archive tier, else hot.") })),
             .. Errors(400, 401, 403, 410, 500, 503)]);
        return operation;
    }

    private static JsonObject Version()
    {
        var operation = Operation("events", "getVersion", "The global version",
            "The number of the last checkpoint across all actors, or with ?at= the last one at or before that time (null if none).");
        operation["parameters"] = new JsonArray(Query("at", "A timestamp.", String("date-time")));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("The version.", Object(null, ["version"], ("version", new JsonObject { ["type"] = new JsonArray("integer", "null") })))),
             .. Errors(400, 401, 500, 503)]);
        return operation;
    }

    private static JsonObject Audit()
    {
        var operation = Operation("audit", "getAudit", "The audit log",
            "Who rewound, restored, previewed or exported what, when and why; oldest first, paged.");
        operation["parameters"] = new JsonArray(
        [
            Query("operation", "Only this operation, e.g. rewind, restore, snapshot, export.", String()),
            .. ActorFilters(),
            .. Paging(100),
        ]);
        var item = Object(null, ["auditId", "timestamp", "principal", "operation", "actorType", "actorId", "target", "reason"],
            ("auditId", String("uuid")), ("timestamp", String()), ("principal", String()), ("operation", String()),
            ("actorType", NullableString()), ("actorId", NullableString()), ("target", new JsonObject()), ("reason", NullableString()));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("A page of audit records.", Object(null, ["data", "nextCursor"],
                ("data", ArrayOf(item)), ("nextCursor", NullableString())))),
             .. Errors(400, 401, 403, 404, 500, 503)]);
        return operation;
    }

    private static JsonObject Snapshot()
    {
        var operation = Operation("snapshots", "getSnapshot", "A snapshot job's status",
            "pending, running, completed or failed, with the number of actors written. ?waitSeconds=N answers as soon as the job finishes, or after N seconds.");
        operation["parameters"] = new JsonArray(
            Query("waitSeconds", "Wait up to this many seconds (at most 60) for the job to finish.", new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 60 }));
        var status = Object(null, ["snapshotId", "status", "actorType", "at", "principal", "createdAt", "count"],
            ("snapshotId", String()),
            ("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("pending", "running", "completed", "failed") }),
            ("actorType", String()), ("at", String()), ("reason", NullableString()), ("principal", String()), ("createdAt", String()),
            ("completedAt", NullableString()), ("count", Integer()), ("error", NullableString()));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("The job's status.", status)), .. Errors(400, 401, 403, 404, 500)]);
        return operation;
    }

    private static JsonObject SnapshotData()
    {
        var operation = Operation("snapshots", "getSnapshotData", "A completed snapshot's data",
            "One actor state per line (NDJSON), masked unless the token may see personal data. Audited as an export.");
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("One JSON state per line.", String(), "application/x-ndjson")),
             .. Errors(401, 403, 404, 409, 500, 503)]);
        return operation;
    }

    private static JsonObject Compact()
    {
        var operation = Operation("history", "compactHistory", "Move old history of one actor type out of the hot journal",
            "Starts a compaction job (needs actors/<type>:admin): every actor of actorType with mutation sets committed before 'before' " +
            "keeps its newest such set and a snapshot after it as its boundary; older sets go to the archive tier (Parquet files, read " +
            "back transparently) or, with tier 'prune', are deleted (reads before the boundary then answer 410 history-pruned). " +
            "Expired idempotency keys are removed first. Audited as 'compact'. Poll the Location.");
        operation["requestBody"] = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject
            {
                ["application/json"] = new JsonObject
                {
                    ["schema"] = Object(null, ["actorType", "before", "reason"],
                        ("actorType", String()), ("before", String("date-time")), ("reason", String()),
                        ("tier", new JsonObject
                        {
                            ["type"] = "string",
                            ["enum"] = new JsonArray("archive", "prune"),
                            ["description"] = "archive (the default when Actors:History:ArchivePath is set, or the type's configured Tier) or prune.",
                        })),
                },
            },
        };
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("202", (JsonNode?)Success("The job is started.", Object(null, ["jobId", "status"], ("jobId", String()), ("status", String())),
                headers: new JsonObject { ["Location"] = HeaderSchema("The job's status URL.") })),
             .. Errors(400, 401, 403, 404, 413, 500, 503)]);
        return operation;
    }

    private static JsonObject Compaction()
    {
        var operation = Operation("history", "getCompaction", "A compaction job's status",
            "pending, running, completed or failed, with the actors whose boundary moved, the sets that left the hot journal, the archive " +
            "files written and the idempotency keys expired. Needs actors/<type>:admin. ?waitSeconds=N answers as soon as the job finishes, or after N seconds.");
        operation["parameters"] = new JsonArray(
            Query("waitSeconds", "Wait up to this many seconds (at most 60) for the job to finish.", new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 60 }));
        var status = Object(null, ["jobId", "status", "actorType", "before", "tier", "principal", "createdAt", "actors", "sets", "files", "expiredIdempotencyKeys"],
            ("jobId", String()),
            ("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("pending", "running", "completed", "failed") }),
            ("actorType", String()), ("before", String()),
            ("tier", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("archive", "prune") }),
            ("reason", NullableString()), ("principal", String()), ("createdAt", String()), ("completedAt", NullableString()),
            ("actors", Integer()), ("sets", Integer()), ("files", Integer()), ("expiredIdempotencyKeys", Integer()), ("error", NullableString()));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)Success("The job's status.", status)), .. Errors(400, 401, 403, 404, 500)]);
        return operation;
    }

    private static JsonObject Me()
    {
        var operation = Operation("identity", "getMe", "Who the token stands for",
            "The principal and, per hosted actor type, the permissions the token holds there (empty when none).");
        var identity = Object(null, ["principal", "permissions"],
            ("principal", String()),
            ("permissions", new JsonObject { ["type"] = "object", ["additionalProperties"] = ArrayOf(String()) }));
        operation["responses"] = new JsonObject([KeyValuePair.Create("200", (JsonNode?)Success("The identity.", identity)), .. Errors(401)]);
        return operation;
    }

    private static JsonObject Health(string name, string description)
    {
        var operation = Anonymous(Operation("health", $"get{char.ToUpperInvariant(name[0])}{name[1..]}", $"Is the silo {name}?", description));
        var status = Object(null, ["status"], ("status", String()));
        var responses = new JsonObject { ["200"] = Success(name, status) };
        if (name == "ready")
        {
            responses["503"] = Success("Storage is unavailable, or the silo is stopping (not a problem document: a health status).", status.DeepClone().AsObject());
        }

        operation["responses"] = responses;
        return operation;
    }

    private static JsonObject Console()
    {
        var operation = Anonymous(Operation("console", "getConsole", "The support console",
            "A static page for support staff; it asks for a bearer token and calls this API from the browser."));
        operation["responses"] = new JsonObject { ["200"] = Success("The page.", String(), "text/html") };
        return operation;
    }

    private static JsonObject ConsoleFile()
    {
        var operation = Anonymous(Operation("console", "getConsoleFile", "A file of the support console",
            "A script, style sheet or icon the page links to; cached for good when asked for with ?v=<its content hash>."));
        operation["parameters"] = new JsonArray(Query("v", "The file's content hash, as the page links it.", String()));
        operation["responses"] = new JsonObject(
            [KeyValuePair.Create("200", (JsonNode?)new JsonObject
            {
                ["description"] = "The file.",
                ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = String("binary") } },
            }),
             .. Errors(404)]);
        return operation;
    }

    private static JsonObject Document()
    {
        var operation = Anonymous(Operation("api", "getOpenApiDocument", "This API description",
            "This OpenAPI document, built from the server's own routes and message catalogue."));
        operation["responses"] = new JsonObject { ["200"] = Success("The document.", new JsonObject { ["type"] = "object" }) };
        return operation;
    }

    private static JsonObject[] ActorFilters() =>
    [
        Query("actorType", "Only this actor type (order).", String()),
        Query("actorId", "Only this actor.", String()),
        Query("principal", "Only what this principal did.", String()),
        Query("after", "Only after this time.", String("date-time")),
        Query("before", "Only before this time.", String("date-time")),
    ];

    private static JsonObject NullableString() => new() { ["type"] = new JsonArray("string", "null") };
}
