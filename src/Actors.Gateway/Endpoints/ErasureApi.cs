using Actors.Grains;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Endpoints;

/// <summary><c>POST /resources/actors/{type}/{id}/erase</c>: erasure of one actor's personal data.</summary>
public static class ErasureApi
{
    public static IEndpointRouteBuilder MapErasureApi(this IEndpointRouteBuilder app)
    {
        var actor = app.MapGroup("/resources/actors/{type}/{id}").AddEndpointFilter<BearerAuthFilter>();
        actor.MapPost("/erase", EraseAsync);
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
        JsonObject body;
        try
        {
            body = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = options.Value.MaxJsonDepth }) as JsonObject
                ?? throw ActorException.Invalid("The body must be a JSON object: { \"reason\" }.");
        }
        catch (JsonException e)
        {
            throw ActorException.Invalid($"The request body is not valid JSON: {e.Message}");
        }

        var preview = QueryParameters.Flag(http.Request, "preview");
        var idempotencyKey = ActorsApi.IdempotencyKey(http.Request.Headers, options.Value);
        var request = new BatchRequest(
            [new ActorMessage("erase", JsonSerializer.SerializeToElement(body))], BearerAuthFilter.CallerOf(http).Principal, preview,
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
