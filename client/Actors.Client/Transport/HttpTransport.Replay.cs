using System.Globalization;
using System.Net.ServerSentEvents;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;

namespace Actors.Client.Transport;

internal sealed partial class HttpTransport
{
    /// <summary>
    /// The <c>replay</c> event stream. A connection that breaks, falls silent or ends while following is opened again with
    /// <c>Last-Event-ID</c> set to the last version seen, so the server goes on right after it: nothing is missed or repeated.
    /// </summary>
    public async IAsyncEnumerable<MutationSetEvent> ReplayAsync(ActorKey actor, long fromVersion, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var uri = new Uri(baseAddress, $"{ActorPath(actor)}/replay?fromVersion={fromVersion.ToString(CultureInfo.InvariantCulture)}{(follow ? "&follow=true" : string.Empty)}");
        long? last = null;
        var attempt = 0;
        while (true)
        {
            var (connection, failure) = await ConnectAsync(uri, last, cancellationToken);
            if (connection is not null)
            {
                using (connection)
                {
                    while (true)
                    {
                        var (item, broken) = await NextAsync(connection.Reader, cancellationToken);
                        if (connection.Reader.Alive)
                        {
                            attempt = 0;
                        }

                        if (item is null)
                        {
                            failure = broken;
                            break;
                        }

                        if (item.Value.EventType == "error")
                        {
                            failure = StreamError(item.Value.Data);
                            break;
                        }

                        if (item.Value.EventType != "mutation")
                        {
                            continue;
                        }

                        var set = JsonSerializer.Deserialize(item.Value.Data, ClientJsonContext.Default.MutationSetEvent)
                            ?? throw new InvalidOperationException("The replay stream sent an empty mutation event.");
                        if (set.Version <= last)
                        {
                            continue;
                        }

                        last = set.Version;
                        yield return set;
                    }
                }

                if (failure is null && !follow)
                {
                    yield break;
                }
            }

            // A following stream the server ended (it is shutting down) is resumed like a broken one.
            if (attempt >= options.MaxRetries)
            {
                ExceptionDispatchInfo.Throw(failure ?? new HttpRequestException("The server kept ending the replay stream."));
            }

            await WaitAsync(attempt, (failure as ActorStorageUnavailableException)?.RetryAfter, cancellationToken);
            attempt++;
        }
    }

    /// <summary>Opens the stream; a transient failure is answered (to retry), a refusal thrown.</summary>
    private async Task<(ReplayConnection? Connection, Exception? Failure)> ConnectAsync(Uri uri, long? last, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (last is { } version)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", version.ToString(CultureInfo.InvariantCulture));
        }

        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                return (new ReplayConnection(response, new SseReader(stream, options.ReplayIdleTimeout, cancellationToken)), null);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var error = ProblemDetails.ToException(status, ParseProblem(status, text), RetryAfter(response));
            response.Dispose();
            return status == 503 ? (null, error) : throw error;
        }
        catch (Exception e) when (IsBroken(e, cancellationToken))
        {
            response?.Dispose();
            return (null, e);
        }
    }

    private static async Task<(SseItem<string>? Item, Exception? Broken)> NextAsync(SseReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadAsync(), null);
        }
        catch (Exception e) when (IsBroken(e, cancellationToken))
        {
            return (null, e);
        }
    }

    /// <summary>A connection that failed, broke, fell silent or timed out; the caller's own cancellation is not one.</summary>
    private static bool IsBroken(Exception e, CancellationToken cancellationToken) =>
        e is IOException or TimeoutException || IsTransient(e, cancellationToken);

    /// <summary>The server's <c>event: error</c> (<c>{status, detail}</c>), sent when the journal failed after the headers went out.</summary>
    private static ActorRequestException StreamError(string data)
    {
        var error = JsonNode.Parse(data) as JsonObject;
        var status = error?["status"] is JsonValue s && s.TryGetValue<int>(out var value) ? value : 503;
        return ProblemDetails.ToException(status, ProblemDetails.Create(status, (string?)error?["detail"] ?? "The replay stream failed."));
    }

    /// <summary>One open replay response and its reader.</summary>
    private sealed class ReplayConnection(HttpResponseMessage response, SseReader reader) : IDisposable
    {
        public SseReader Reader => reader;

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
