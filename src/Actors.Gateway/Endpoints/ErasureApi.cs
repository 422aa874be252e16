using Actors.Grains;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Gateway.Http;
using Actors.Gateway.OpenApi;
using Actors.Gateway.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;

namespace Actors.Gateway.Endpoints;

/// <summary><c>POST /resources/actors/{type}/{id}/erase</c>: erasure of one actor's personal data.</summary>
public static class ErasureApi
{
    public static IEndpointRouteBuilder MapErasureApi(this IEndpointRouteBuilder app)
    {
        var actor = app.MapGroup("/resources/actors/{type}/{id}").RequireAuthorization();
        actor.MapPost("/erase", EraseAsync)
            .Describe("history", "erase{Actor}", "Erase {an-actor}'s personal data, with a reason",
                "Makes the actor's personal fields null and every earlier value of them unrecoverable, in every tier (archive " +
                "files included): an ERASE checkpoint carrying the reason, an audit entry, and the actor's data keys destroyed in " +
                "the same transaction. The rest of the history stays; later writes of those fields work as before. Needs " +
                "actors/{actor}:erase. With ?preview nothing is persisted.")
            .PerActorType((operation, type) => operation["description"] = $"{operation["description"]} Personal fields of {type.Name}: " +
                (type.PersonalFields.Count == 0 ? "none." : string.Join(", ", type.PersonalFields.Order(StringComparer.Ordinal)) + "."))
            .Query("preview", "Show what the erasure would answer; nothing is persisted.", D.Flag())
            .Header("If-Match", "Erase only if the actor is still at this version; otherwise 412.")
            .Header("Idempotency-Key", "Apply at most once: a repeat with the same key answers the first result.")
            .Body(D.Object("Why the personal data is erased.", ["reason"], ("reason", new JsonObject { ["type"] = "string", ["minLength"] = 1 })))
            .Answers(StatusCodes.Status200OK, "The ERASE checkpoint.", D.Ref("EraseResult"), headers: D.ETag())
            .Refuses(400, 401, 403, 404, 412, 413, 422, 500, 503);
        return app;
    }

    /// <summary>
    /// Erases the actor's personal data for a reason (required): the <c>erase</c> message as a batch of its own, which makes
    /// an ERASE checkpoint and an audit entry and destroys the actor's data keys in the same transaction. Needs
    /// <c>actors/&lt;type&gt;:erase</c>. Takes <c>?preview</c> (nothing persisted), <c>Idempotency-Key</c> and <c>If-Match</c>
    /// as a batch does. Answers 200 <c>{ success, checkpointId, version, erasedFields }</c>.
    /// </summary>
    public static async Task<IResult> EraseAsync(string type, string id, HttpContext http, IGrainFactory grains, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        ActorAccess.Resolve(type, id);
        var bytes = await BatchReader.ReadBodyAsync(http.Request, options.Value, cancellationToken);
        var body = BatchReader.ParseObject(bytes, options.Value, ": { \"reason\" }");

        var preview = QueryParameters.Flag(http.Request, "preview");
        var idempotencyKey = ActorsApi.IdempotencyKey(http.Request.Headers, options.Value);
        var request = new BatchRequest(
            [new ActorMessage("erase", JsonSerializer.SerializeToElement(body))], Caller.Of(http).Principal, preview,
            ExpectedVersion: ActorsApi.ExpectedVersion(http.Request.Headers.IfMatch),
            IdempotencyKey: idempotencyKey,
            RequestHash: idempotencyKey is null ? null : ActorsApi.RequestHash(type, $"{id}/erase", preview, bytes));
        var (result, _) = await ActorsApi.RunAsync(http, grains, type, id, request, cancellationToken);
        if (result.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return ActorsApi.Json(result.Results[^1].Result);
    }
}
