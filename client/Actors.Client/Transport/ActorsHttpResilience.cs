using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Actors.Client.Transport;

/// <summary>
/// The resilience pipeline of the client's <see cref="HttpClient"/> (Microsoft.Extensions.Http.Resilience on Polly): a
/// transient failure (a 5xx such as the server's 503, 408, 429, a lost connection, an attempt that timed out) is retried with
/// exponential backoff and jitter, honouring <c>Retry-After</c>, but only for a request that is safe to repeat: an idempotent
/// method, one carrying an <c>Idempotency-Key</c> (the same header on every attempt, since the attempts are the same
/// request), or a batch that changes nothing. A replay stream is not retried here: it resumes itself with <c>Last-Event-ID</c>.
/// </summary>
internal static class ActorsHttpResilience
{
    /// <summary>The name of the pipeline on an <c>IHttpClientFactory</c> client.</summary>
    public const string PipelineName = "actors";

    /// <summary>Marks a request that changes nothing on the server (a read-only or preview batch), so it may be repeated.</summary>
    public static readonly HttpRequestOptionsKey<bool> ChangesNothing = new("Actors.ChangesNothing");

    private static readonly HttpMethod[] IdempotentMethods = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Options, HttpMethod.Trace, HttpMethod.Put, HttpMethod.Delete];

    /// <summary>A handler running <paramref name="inner"/> under the pipeline, for a client that owns its <see cref="HttpClient"/>.</summary>
    public static ResilienceHandler CreateHandler(ActorsHttpOptions options, HttpMessageHandler inner)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, options);
        return new ResilienceHandler(builder.Build()) { InnerHandler = inner };
    }

    /// <summary>Adds the retry (outside) and the timeout of each attempt (inside) to <paramref name="builder"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ActorsHttpOptions options)
    {
        builder.TimeProvider = options.TimeProvider;
        if (options.MaxRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.InitialBackoff,
                MaxDelay = options.MaxBackoff,
                ShouldRetryAfterHeader = true,
            };
            var transient = retry.ShouldHandle;
            retry.ShouldHandle = args => MayRepeat(args.Context.GetRequestMessage()) ? transient(args) : PredicateResult.False();

            // The library reads Retry-After; the wait it asks for is kept within MaxBackoff, as the backoff is.
            var retryAfter = retry.DelayGenerator!;
            retry.DelayGenerator = async args => await retryAfter(args) is { } asked ? (asked < options.MaxBackoff ? asked : options.MaxBackoff) : null;
            builder.AddRetry(retry);
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            // A stream's response ends only when the stream does; its reader has an idle timeout of its own.
            TimeoutGenerator = args => ValueTask.FromResult(IsStream(args.Context.GetRequestMessage()) ? Timeout.InfiniteTimeSpan : options.AttemptTimeout),
        });
    }

    /// <summary>Whether sending <paramref name="request"/> again cannot apply anything twice.</summary>
    private static bool MayRepeat(HttpRequestMessage? request) =>
        request is not null
        && !IsStream(request)
        && (IdempotentMethods.Contains(request.Method)
            || request.Headers.Contains("Idempotency-Key")
            || (request.Options.TryGetValue(ChangesNothing, out var nothing) && nothing));

    private static bool IsStream(HttpRequestMessage? request) =>
        request is not null && request.Headers.Accept.Contains(new MediaTypeWithQualityHeaderValue("text/event-stream"));
}
