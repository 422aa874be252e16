using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Actors.Abstractions;

namespace Actors.Client.Transport;

/// <summary>
/// Posts batches to <c>/resources/actors/{type}/{id}?results=all</c> with a bearer token. A batch that changes
/// something carries an <c>Idempotency-Key</c>, so the HttpClient's resilience pipeline (<see cref="ActorsHttpResilience"/>)
/// may retry it after a 503 or a lost connection without applying it twice.
/// </summary>
internal sealed partial class HttpTransport(HttpClient http, bool ownsHttp, Uri baseAddress, string token, ActorsHttpOptions options) : IActorTransport
{
    public async Task<BatchResponse> SendAsync(ActorKey actor, IReadOnlyList<ActorCommand> commands, bool preview, SendOptions sendOptions, CancellationToken cancellationToken)
    {
        var uri = new Uri(baseAddress, $"{ActorPath(actor)}?results=all{(preview ? "&preview" : string.Empty)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(BatchJson.Encode(commands)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var idempotencyKey = sendOptions.IdempotencyKey
            ?? (!preview && commands.Any(c => !c.IsRead) ? Guid.CreateVersion7().ToString() : null);
        if (idempotencyKey is null)
        {
            // Nothing persists (a preview, or only reads), so the HttpClient's resilience pipeline may send it again.
            request.Options.Set(ActorsHttpResilience.ChangesNothing, true);
        }
        else
        {
            // The pipeline sends this same request on every attempt: one key, so the server applies the batch at most once.
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (sendOptions.ExpectedVersion is { } expected)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{expected.ToString(CultureInfo.InvariantCulture)}\"");
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary><c>POST .../restore</c> with an <c>Idempotency-Key</c> of its own, so that the server applies it at most once.</summary>
    public async Task<JsonObject> RestoreAsync(ActorKey actor, ActorCommand rewind, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, $"{ActorPath(actor)}/restore"))
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(rewind.BodyNode.ToJsonString())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.CreateVersion7().ToString());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw ProblemDetails.ToException(status, ParseProblem(status, text), RetryAfter(response));
        }

        return JsonNode.Parse(text) as JsonObject
            ?? throw new InvalidOperationException($"The server answered a restore with something other than the state: {Shorten(text)}");
    }

    public ValueTask DisposeAsync()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string ActorPath(ActorKey actor) => $"resources/actors/{Uri.EscapeDataString(actor.Type)}/{Uri.EscapeDataString(actor.Id)}";

    /// <summary>A connection that failed or timed out (the replay stream resumes after one); the caller's own cancellation is not one.</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The replay stream's wait before it resumes: the same backoff as the pipeline's, without jitter.</summary>
    private Task WaitAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff * Math.Pow(2, attempt);
        var wait = retryAfter is { } asked && asked > backoff ? asked : backoff;
        wait = wait > options.MaxBackoff ? options.MaxBackoff : wait;
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, options.TimeProvider, cancellationToken);
    }

    private static async Task<BatchResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw ProblemDetails.ToException(status, ParseProblem(status, text), RetryAfter(response));
        }

        var results = JsonNode.Parse(text) as JsonArray
            ?? throw new InvalidOperationException($"The server answered a batch with something other than an array of results: {Shorten(text)}");
        var version = response.Headers.ETag is { } etag && long.TryParse(etag.Tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidOperationException("The server answered a batch without an ETag.");
        var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true", StringComparer.OrdinalIgnoreCase);
        return new BatchResponse(
            [.. results.Select(r => new MessageResponse((string?)r?["type"] ?? string.Empty, r?["result"]?.DeepClone()))],
            version,
            replayed);
    }

    /// <summary>The answer's problem detail; a proxy's non-JSON error page becomes one with the page as its detail.</summary>
    private static JsonObject ParseProblem(int status, string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject problem && problem["status"] is not null)
            {
                return problem;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: described below.
        }

        return ProblemDetails.Create(status, text.Length == 0 ? $"The server answered {status} without a body." : Shorten(text));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "...";
}
