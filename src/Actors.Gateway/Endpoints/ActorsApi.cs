using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Runtime.Entities;
using Actors.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Actors.Gateway.Endpoints;

/// <summary><c>POST /resources/actors/{type}/{id}</c>: message batches to one actor.</summary>
public static class ActorsApi
{
    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/resources/actors").AddEndpointFilter<BearerAuthFilter>();
        group.MapPost("/{type}/{id}", PostBatchAsync);
        return app;
    }

    /// <summary>Runs a batch; answers the last message's result, or all results with <c>?results=all</c>.</summary>
    public static async Task<IResult> PostBatchAsync(
        string type,
        string id,
        HttpContext http,
        ActorRuntime runtime,
        IOptions<GatewayOptions> options,
        CancellationToken cancellationToken)
    {
        var caller = BearerAuthFilter.CallerOf(http);
        var descriptor = runtime.Types.Find(type)
            ?? throw ActorException.NotFound($"Unknown actor type '{type}'. Known types: {string.Join(", ", runtime.Types.All.Select(t => t.Name))}.");
        if (!ActorKey.IsValidId(id))
        {
            throw ActorException.Invalid($"Invalid actor id '{Shorten(id)}': an id is 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :");
        }

        if (!IsJson(http.Request.ContentType))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, not '{http.Request.ContentType}'.");
        }

        var preview = Flag(http.Request.Query, "preview");
        var allResults = ResultsMode(http.Request.Query);
        var expectedVersion = ExpectedVersion(http.Request.Headers.IfMatch);
        var idempotencyKey = IdempotencyKey(http.Request.Headers, options.Value);

        var body = await BatchReader.ReadBodyAsync(http.Request, options.Value, cancellationToken);
        var messages = BatchReader.Parse(body, options.Value);
        Authorize(caller, descriptor, messages, preview);

        var request = new BatchRequest(messages, caller.Principal, preview, expectedVersion, idempotencyKey, RequestHash(type, id, preview, body));
        var result = await runtime.ExecuteAsync(new ActorKey(type, id), request, cancellationToken);

        JsonNode? answer = allResults
            ? new JsonArray([.. result.Results.Select(r => new JsonObject { ["type"] = r.Type, ["result"] = r.Result?.DeepClone() })])
            : result.Results[^1].Result;
        if (!caller.Permissions.Allows(type, "pii"))
        {
            answer = SensitiveMasker.Mask(answer, descriptor.SensitiveFields);
        }

        http.Response.Headers.ETag = $"\"{result.Version.ToString(CultureInfo.InvariantCulture)}\"";
        if (result.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Text(answer?.ToJsonString() ?? "null", "application/json", Encoding.UTF8);
    }

    private static void Authorize(Caller caller, ActorTypeDescriptor descriptor, IReadOnlyList<ActorMessage> messages, bool preview)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var kind = descriptor.Classify(messages[i].Type)
                ?? throw new MessageFailedException(i, messages[i].Type, ActorException.Invalid(
                    $"Unknown message type '{messages[i].Type}' for actor type '{descriptor.Name}'. Known types: {string.Join(", ", descriptor.Messages.Keys.Order(StringComparer.Ordinal))}."));
            var permission = kind switch
            {
                MessageKind.Read => "read",
                MessageKind.Write => "write",
                _ => preview ? "rewind:preview" : "rewind",
            };
            if (!caller.Permissions.Allows(descriptor.Name, permission))
            {
                throw new PermissionDeniedException(i, messages[i].Type, $"actors/{descriptor.Name}:{permission}");
            }
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false));

    private static bool Flag(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return false;
        }

        return values.ToString().ToLowerInvariant() switch
        {
            "" or "true" or "1" => true,
            "false" or "0" => false,
            var other => throw ActorException.Invalid($"Query parameter '{name}' must be empty, true or false, not '{Shorten(other)}'."),
        };
    }

    private static bool ResultsMode(IQueryCollection query) => query["results"].ToString() switch
    {
        "" or "last" => false,
        "all" => true,
        var other => throw ActorException.Invalid($"Query parameter 'results' must be 'all' or 'last', not '{Shorten(other)}'."),
    };

    private static long? ExpectedVersion(string? ifMatch)
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
            : throw ActorException.Invalid($"If-Match must be an ETag this server gave, such as \"3\"; got '{Shorten(ifMatch)}'.");
    }

    private static string? IdempotencyKey(IHeaderDictionary headers, GatewayOptions options)
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

    private static string RequestHash(string type, string id, bool preview, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{type}/{id}?preview={preview}\n"));
        hash.AppendData(body);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : $"{value[..64]}...";
}
