using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Gateway.Application;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.EventSourcing;
using Actors.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Actors.Gateway.OpenApi;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;

namespace Actors.Gateway.Endpoints;

/// <summary><c>POST /resources/actors/{type}/{id}</c>: message batches to one actor.</summary>
public static class ActorsApi
{
    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/resources/actors").RequireAuthorization();
        group.MapPost("/{type}/{id}", PostBatchAsync)
            .Describe("batches", "post{Actor}Batch", "Send a batch of messages to {an-actor}",
                "Runs the messages in order in one turn of the {actor}; every mutation in the batch forms one checkpoint, " +
                "or nothing persists. Answers the last message's result, or every result with ?results=all. " +
                "Each message needs its own permission: read, write or rewind on this type.")
            .Query("preview", "Run against an isolated copy and discard everything at the end: no checkpoint, no activity entry.", D.Flag())
            .Query("results", "last (default): the last message's result; all: an array of every message's result.",
                new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("last", "all"), ["default"] = "last" })
            .Header("If-Match", "Apply only if the actor is still at this version (an ETag it answered, e.g. \"3\"); otherwise 412.")
            .Header("Idempotency-Key", "Apply at most once: a repeat with the same key answers the first result (1-200 visible ASCII characters).")
            .Body(D.Ref("{Actor}Batch"))
            .Answers(StatusCodes.Status200OK, "The result.", D.Ref("{Actor}BatchAnswer"), headers: BatchHeaders())
            .Refuses(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 500, 503);
        return app;
    }

    private static JsonObject BatchHeaders()
    {
        var headers = D.HistoryHeaders();
        headers["Idempotent-Replayed"] = D.HeaderSchema("true when the answer is the stored result of an earlier request with the same Idempotency-Key.");
        return headers;
    }

    /// <summary>Runs a batch; answers the last message's result, or all results with <c>?results=all</c>.</summary>
    public static async Task<IResult> PostBatchAsync(
        string type,
        string id,
        HttpContext http,
        IGrainFactory grains,
        IOptions<GatewayOptions> options,
        CancellationToken cancellationToken)
    {
        ActorAccess.Resolve(type, id);
        if (BatchReader.NotJson(http.Request) is { } refusal)
        {
            return refusal;
        }

        var preview = QueryParameters.Flag(http.Request, "preview");
        var allResults = ResultsMode(http.Request.Query);
        var expectedVersion = ExpectedVersion(http.Request.Headers.IfMatch);
        var idempotencyKey = IdempotencyKey(http.Request.Headers, options.Value);
        var body = await BatchReader.ReadBodyAsync(http.Request, options.Value, cancellationToken);
        var messages = BatchReader.Parse(body, options.Value);

        var request = new BatchRequest(messages, Caller.Of(http).Principal, preview, expectedVersion, idempotencyKey, idempotencyKey is null ? null : RequestHash(type, id, preview, body));
        // The shared path straight, not through RunAsync below: one async frame less on the busiest endpoint.
        var (result, descriptor) = await ActorCalls.RunAsync(Caller.Of(http), grains, type, id, request, cancellationToken);
        SetHeaders(http, request, result);
        JsonNode? answer = allResults
            ? new JsonArray([.. result.Results.Select(r => new JsonObject { ["type"] = r.Type, ["result"] = r.Result?.DeepClone() })])
            : result.Results[^1].Result;
        if (result.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Json(Access.Mask(Caller.Of(http), descriptor, answer));
    }

    /// <summary>
    /// Runs a batch for the request's caller (<see cref="ActorCalls.RunAsync"/>, the path every front door shares) and sets
    /// the ETag and the history headers. Results are not yet masked.
    /// </summary>
    public static async Task<(BatchResult Result, ActorTypeDescriptor Type)> RunAsync(
        HttpContext http, IGrainFactory grains, string type, string id, BatchRequest request, CancellationToken cancellationToken)
    {
        var (result, descriptor) = await ActorCalls.RunAsync(Caller.Of(http), grains, type, id, request, cancellationToken);
        SetHeaders(http, request, result);
        return (result, descriptor);
    }

    /// <summary>The ETag (the actor's version) and the history headers of a batch's answer.</summary>
    private static void SetHeaders(HttpContext http, BatchRequest request, BatchResult result)
    {
        http.Response.Headers.ETag = $"\"{result.Version.ToString(CultureInfo.InvariantCulture)}\"";
        HistoryHeaders.Apply(http, request, result);
    }

    /// <summary>A JSON answer (the body may be the literal <c>null</c>).</summary>
    public static IResult Json(JsonNode? answer, int status = StatusCodes.Status200OK) => new JsonNodeResult(answer, status);

    private static bool ResultsMode(IQueryCollection query) => query["results"].ToString() switch
    {
        "" or "last" => false,
        "all" => true,
        var other => throw ActorException.Invalid($"Query parameter 'results' must be 'all' or 'last', not '{QueryParameters.Shorten(other)}'."),
    };

    /// <summary>The version an <c>If-Match</c> header names; null when absent or <c>*</c>.</summary>
    internal static long? ExpectedVersion(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return null;
        }

        var value = ifMatch.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"');
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw ActorException.Invalid($"If-Match must be an ETag this server gave, such as \"3\"; got '{QueryParameters.Shorten(ifMatch)}'.");
    }

    /// <summary>The <c>Idempotency-Key</c> header, checked; null when absent.</summary>
    internal static string? IdempotencyKey(IHeaderDictionary headers, GatewayOptions options)
    {
        var key = headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            return null;
        }

        if (key.Length > options.MaxIdempotencyKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            throw ActorException.Invalid($"Idempotency-Key must be 1-{options.MaxIdempotencyKeyLength} visible ASCII characters.");
        }

        return key;
    }

    /// <summary>What tells a retry from another request reusing its key: the target, the preview flag and the body.</summary>
    internal static string RequestHash(string type, string id, bool preview, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{type}/{id}?preview={preview}\n"));
        hash.AppendData(body);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
