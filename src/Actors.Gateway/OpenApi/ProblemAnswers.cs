using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Actors.Gateway.OpenApi;

/// <summary>The problem answers (<c>components.responses</c>) every operation's 4xx and 5xx refer to.</summary>
internal static class ProblemAnswers
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

    /// <summary>The component name of the problem answer with this status, or null when there is none.</summary>
    public static string? Name(string status) =>
        Problems.Where(p => p.Status.ToString(CultureInfo.InvariantCulture) == status).Select(p => p.Name).FirstOrDefault();

    /// <summary>The problem answers the document's operations refer to, each application/problem+json.</summary>
    public static IEnumerable<(string Name, JsonObject Response)> Used(OpenApiDocument document)
    {
        var used = (document.Paths ?? [])
            .SelectMany(p => p.Value.Operations ?? [])
            .SelectMany(o => o.Value.Responses ?? [])
            .Select(r => r.Value)
            .OfType<OpenApiResponseReference>()
            .Select(r => r.Reference.Id)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (status, name, description) in Problems.Where(p => used.Contains(p.Name)))
        {
            var response = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Components.Ref(SharedSchemas.Problem) } },
            };
            if (status == 401)
            {
                response["headers"] = new JsonObject { ["WWW-Authenticate"] = OpenApiDescriptions.HeaderSchema("Bearer, or Bearer error=\"invalid_token\".") };
            }
            else if (status == 503)
            {
                response["headers"] = new JsonObject { ["Retry-After"] = OpenApiDescriptions.HeaderSchema("Seconds to wait before retrying.", SharedSchemas.Integer()) };
            }

            yield return (name, response);
        }
    }
}
