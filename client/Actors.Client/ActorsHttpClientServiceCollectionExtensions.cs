using Actors.Client.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client;

/// <summary>Registers an <see cref="ActorsClient"/> over HTTP on an <c>IHttpClientFactory</c> client, with the client's retries.</summary>
public static class ActorsHttpClientServiceCollectionExtensions
{
    /// <summary>The name of the <c>IHttpClientFactory</c> client <see cref="AddActorsHttpClient"/> registers.</summary>
    public const string HttpClientName = "Actors";

    /// <summary>
    /// Registers <see cref="ActorsClient"/> (a typed client: resolve or inject it) over the named HTTP client
    /// <see cref="HttpClientName"/> whose base address is the silo at <paramref name="baseAddress"/>, sending
    /// <paramref name="token"/>, with the actors' resilience pipeline (<see cref="AddActorsResilienceHandler"/>). Answers the
    /// client's builder, to add handlers or set its primary handler.
    /// </summary>
    public static IHttpClientBuilder AddActorsHttpClient(this IServiceCollection services, Uri baseAddress, string token, ActorsHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var settings = options ?? new ActorsHttpOptions();
        return services.AddHttpClient(HttpClientName, http => http.BaseAddress = baseAddress)
            .AddActorsResilienceHandler(settings)
            .AddTypedClient((http, _) => ActorsClient.Http(http, token, settings));
    }

    /// <summary>
    /// Adds the actors' resilience pipeline to an HTTP client of your own, for <see cref="ActorsClient.Http(HttpClient, string, ActorsHttpOptions?)"/>:
    /// transient failures (5xx, 408, 429, a lost connection, an attempt past <see cref="ActorsHttpOptions.AttemptTimeout"/>)
    /// are retried <see cref="ActorsHttpOptions.MaxRetries"/> times with exponential backoff and jitter, honouring
    /// <c>Retry-After</c>, for requests that are safe to repeat (idempotent methods, batches that change nothing, and those
    /// carrying an <c>Idempotency-Key</c>, which every attempt repeats).
    /// </summary>
    public static IHttpClientBuilder AddActorsResilienceHandler(this IHttpClientBuilder builder, ActorsHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = options ?? new ActorsHttpOptions();
        builder.AddResilienceHandler(ActorsHttpResilience.PipelineName, pipeline => ActorsHttpResilience.Configure(pipeline, settings));
        return builder;
    }
}
