using Actors.Grains;
using System.Text.Json.Nodes;
using Actors.Abstractions.Storage;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Abstractions;
using Microsoft.AspNetCore.Builder;
using Actors.Gateway.OpenApi;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Actors.Gateway.Endpoints;

/// <summary><c>GET /resources/audit</c>: who rewound, restored, previewed or exported what, when, and why.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/resources").RequireAuthorization().MapGet("/audit", GetAuditAsync)
            .Describe("audit", "getAudit", "The audit log", "Who rewound, restored, previewed or exported what, when and why; oldest first, paged.")
            .Query("operation", "Only this operation, e.g. rewind, restore, snapshot, export.", D.String())
            .ActorFilters()
            .Paged(100)
            .Answers(StatusCodes.Status200OK, "A page of audit records.", D.Object(null, ["data", "nextCursor"],
                ("data", D.ArrayOf(D.Object(null, ["auditId", "timestamp", "principal", "operation", "actorType", "actorId", "target", "reason"],
                    ("auditId", D.String("uuid")), ("timestamp", D.String()), ("principal", D.String()), ("operation", D.String()),
                    ("actorType", D.NullableString()), ("actorId", D.NullableString()), ("target", new JsonObject()), ("reason", D.NullableString())))),
                ("nextCursor", D.NullableString())))
            .Refuses(400, 401, 403, 404, 500, 503);
        return app;
    }

    /// <summary>A page of the audit log, oldest first, filtered by operation, actor, principal and time.</summary>
    public static async Task<IResult> GetAuditAsync(HttpContext http, IJournalStore store, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http);
        var request = http.Request;
        var actorType = QueryParameters.Text(request, "actorType");
        if (actorType is null)
        {
            Access.RequireEverywhere(caller, "read", "Reading the audit log");
        }
        else
        {
            ActorAccess.Resolve(actorType);
            Access.Require(caller, actorType, "read", "Reading the audit log");
        }

        var query = new AuditQuery(
            QueryParameters.Text(request, "operation"), actorType, QueryParameters.Text(request, "actorId"), QueryParameters.Text(request, "principal"),
            QueryParameters.Time(request, "after"), QueryParameters.Time(request, "before"),
            (int)(QueryParameters.Integer(request, "limit", 1, 1000) ?? 100), Cursor.Decode(QueryParameters.Text(request, "cursor", 1024)));
        var page = await Cursor.GuardAsync(() => store.ReadAuditAsync(query, cancellationToken));
        var data = new JsonArray([.. page.Records.Select(Entry)]);
        return ActorsApi.Json(new JsonObject { ["data"] = data, ["nextCursor"] = page.NextCursor is null ? null : Cursor.Encode(page.NextCursor) });
    }

    private static JsonObject Entry(AuditRecord record) => new()
    {
        ["auditId"] = record.AuditId.ToString(),
        ["timestamp"] = Timestamps.Format(record.Timestamp),
        ["principal"] = record.Principal,
        ["operation"] = record.Operation,
        ["actorType"] = record.ActorType,
        ["actorId"] = record.ActorId,
        ["target"] = JsonNode.Parse(record.Target),
        ["reason"] = record.Reason,
    };
}
