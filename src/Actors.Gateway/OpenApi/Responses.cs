using System.Text.Json.Nodes;

namespace Actors.Gateway.OpenApi;

/// <summary>The problem answers (<c>components.responses</c>) and the small builders operations are made of.</summary>
internal static class Responses
{
    private static readonly (int Status, string Name, string Description)[] Problems =
    [
        (400, "BadRequest", "Malformed JSON or body, an unknown message type or field, a bad id or query parameter."),
        (401, "Unauthorized", "No bearer token, or one the server does not know."),
        (403, "Forbidden", "The token lacks a permission; permission names it."),
        (404, "NotFound", "Unknown actor type, actor, checkpoint or snapshot."),
        (409, "Conflict", "create on an existing actor, or a snapshot that is not completed."),
        (410, "Gone", "The actor is deleted (undelete brings it back), or the point asked for lies before where its history starts: pruned history (type urn:actors:problem:history-pruned, with earliestVersion and earliestTimestamp naming the boundary)."),
        (412, "PreconditionFailed", "If-Match names a version the actor has moved on from."),
        (413, "PayloadTooLarge", "The body or the batch is too large."),
        (415, "UnsupportedMediaType", "The body is not application/json."),
        (422, "UnprocessableEntity", "A business rule refused the batch, or an Idempotency-Key was reused for another request."),
        (500, "InternalServerError", "The server failed; the error is logged."),
        (503, "ServiceUnavailable", "The journal store cannot be reached (or other writers kept the actor busy): nothing was written; retry after Retry-After seconds."),
    ];

    /// <summary>Every problem answer, each application/problem+json.</summary>
    public static JsonObject ToJson()
    {
        var responses = new JsonObject();
        foreach (var (status, name, description) in Problems)
        {
            var response = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Components.Ref(SharedSchemas.Problem) } },
            };
            if (status == 401)
            {
                response["headers"] = new JsonObject { ["WWW-Authenticate"] = HeaderSchema("Bearer, or Bearer error=\"invalid_token\".") };
            }
            else if (status == 503)
            {
                response["headers"] = new JsonObject { ["Retry-After"] = HeaderSchema("Seconds to wait before retrying.", SharedSchemas.Integer()) };
            }

            responses[name] = response;
        }

        return responses;
    }

    /// <summary>References to the problem answers with these statuses, for an operation's <c>responses</c>.</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode?>> Errors(params int[] statuses) =>
        statuses.Select(status => KeyValuePair.Create(
            status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (JsonNode?)new JsonObject { ["$ref"] = $"#/components/responses/{Problems.Single(p => p.Status == status).Name}" }));

    /// <summary>A success answer with a body of <paramref name="mediaType"/>.</summary>
    public static JsonObject Success(string description, JsonObject schema, string mediaType = "application/json", JsonObject? headers = null)
    {
        var response = new JsonObject
        {
            ["description"] = description,
            ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } },
        };
        if (headers is not null)
        {
            response["headers"] = headers;
        }

        return response;
    }

    public static JsonObject HeaderSchema(string description, JsonObject? schema = null) =>
        new() { ["description"] = description, ["schema"] = schema ?? SharedSchemas.String() };

    /// <summary>The ETag every answer about one actor carries: its version, quoted.</summary>
    public static JsonObject ETag() => new() { ["ETag"] = HeaderSchema("The actor's version after the request, quoted: \"3\".") };

    /// <summary>The ETag and the history lifecycle's headers of an answer that read history.</summary>
    public static JsonObject HistoryHeaders()
    {
        var headers = ETag();
        headers["Actors-History-Tier"] = HeaderSchema(
            "Which tier served the history read: hot (the journal) or archive (a Parquet file of compacted history).",
            new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("hot", "archive") });
        headers["Actors-History-Earliest-Version"] = HeaderSchema(
            "Where the actor's readable history starts (1 unless older history was pruned); set by getCheckpoints, getActivityLog and getHistory.",
            SharedSchemas.Integer());
        headers["Actors-History-Earliest-Timestamp"] = HeaderSchema("The commit time of Actors-History-Earliest-Version.");
        return headers;
    }

    public static JsonObject Query(string name, string description, JsonObject schema, bool required = false) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["required"] = required,
        ["schema"] = schema,
    };

    public static JsonObject Header(string name, string description, JsonObject? schema = null) => new()
    {
        ["name"] = name,
        ["in"] = "header",
        ["description"] = description,
        ["required"] = false,
        ["schema"] = schema ?? SharedSchemas.String(),
    };

    /// <summary>The cursor and limit of a paged listing.</summary>
    public static JsonObject[] Paging(int defaultLimit) =>
    [
        Query("limit", $"Page size, 1-1000 (default {defaultLimit}).", Limit(defaultLimit)),
        Query("cursor", "Where the previous page ended: its nextCursor.", SharedSchemas.String()),
    ];

    public static JsonObject Limit(int defaultLimit) =>
        new() { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1000, ["default"] = defaultLimit };

    public static JsonObject Flag() =>
        new() { ["type"] = "boolean", ["description"] = "Present and empty, true or 1 is true; false or 0 is false." };
}
