using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Security;
using Actors.Client.Transport;
using Actors.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Serializers;

namespace Actors.Client;

/// <summary>
/// The entry point, in Orleans' spirit: <c>client.GetActor&lt;IOrderActor&gt;("ord-1")</c> gives a reference whose
/// calls are batches to that actor. The same code runs through Orleans (<see cref="Orleans(IGrainFactory, string, IEnumerable{string}?)"/>:
/// in the silo's own process, or from an Orleans client connected to a silo's gateway port) or against a silo over HTTP
/// (<see cref="Http(Uri, string, ActorsHttpOptions?)"/>).
/// </summary>
public sealed class ActorsClient : IAsyncDisposable
{
    private readonly IActorTransport _transport;

    private ActorsClient(IActorTransport transport)
    {
        _transport = transport;
    }

    /// <summary>
    /// A client that calls the actors' grains through Orleans: pass the silo's own <see cref="IGrainFactory"/> (in the
    /// silo's process), or an <see cref="IClusterClient"/> connected to a silo's gateway port (<c>UseOrleansClient</c>). No
    /// HTTP, and typed command records reach the grain without JSON parsing. Batches are recorded as sent by
    /// <paramref name="principal"/>. Without <paramref name="permissions"/> the caller may do everything
    /// (<c>actors/*:*</c>); with them, batches are checked and sensitive fields masked exactly as the gateway does for a
    /// token with those grants. The Orleans client needs the actors' JSON codec:
    /// <c>services.AddSerializer(s =&gt; s.AddActorsJson())</c>.
    /// </summary>
    /// <exception cref="FormatException">A permission is not of the form <c>actors/&lt;type&gt;:&lt;permission&gt;</c>.</exception>
    /// <exception cref="InvalidOperationException">An Orleans client without the actors' JSON codec.</exception>
    public static ActorsClient Orleans(IGrainFactory grains, string principal, IEnumerable<string>? permissions = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        if (grains is IClusterClient client)
        {
            EnsureJsonCodec(client.ServiceProvider);
        }

        return new ActorsClient(new GrainTransport(grains, principal, PermissionSet.Parse(permissions ?? ["actors/*:*"])));
    }

    /// <summary>
    /// A client of the silo at <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:5080</c>) sending
    /// <paramref name="token"/> as its bearer token. It owns its <see cref="HttpClient"/>, with the actors' resilience pipeline
    /// (retries as <paramref name="options"/> say), and disposes it with itself.
    /// </summary>
    public static ActorsClient Http(Uri baseAddress, string token, ActorsHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var settings = options ?? new ActorsHttpOptions();
        var http = new HttpClient(ActorsHttpResilience.CreateHandler(settings, new SocketsHttpHandler()));
        return new ActorsClient(new HttpTransport(http, ownsHttp: true, WithSlash(baseAddress), Token(token), settings));
    }

    /// <summary>
    /// A client sending through <paramref name="httpClient"/> (whose <see cref="HttpClient.BaseAddress"/> is the silo),
    /// e.g. one from <c>IHttpClientFactory</c>; the caller keeps ownership of it. It retries only through the client's own
    /// handlers: register it with <c>services.AddActorsHttpClient(...)</c>, or add <c>.AddActorsResilienceHandler()</c> to
    /// your <c>AddHttpClient(...)</c>.
    /// </summary>
    public static ActorsClient Http(HttpClient httpClient, string token, ActorsHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        var baseAddress = httpClient.BaseAddress ?? throw new ArgumentException("The HttpClient needs a BaseAddress: the silo's URL.", nameof(httpClient));
        return new ActorsClient(new HttpTransport(httpClient, ownsHttp: false, WithSlash(baseAddress), Token(token), options ?? new ActorsHttpOptions()));
    }

    /// <summary>A reference to the actor of type <typeparamref name="TActor"/> (<c>IOrderActor</c> is type <c>order</c>) with id <paramref name="id"/>.</summary>
    public ActorRef<TActor> GetActor<TActor>(string id)
        where TActor : IActorGrain =>
        new(_transport, new ActorKey(ActorTypeName.Of<TActor>(), Id(id)));

    /// <summary>A reference to any actor by its URL type name (<c>order</c>) and id, for tools that take the type as text.</summary>
    public ActorRef<IActorGrain> GetActor(string type, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return new(_transport, new ActorKey(type, Id(id)));
    }

    /// <summary>Releases the HTTP connection pool, when this client owns it.</summary>
    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    /// <summary>
    /// Refuses an Orleans container that cannot serialize the actors' JSON message bodies: every call would fail deep
    /// inside Orleans with "Could not find a codec for type JsonElement".
    /// </summary>
    /// <exception cref="InvalidOperationException">The codec is not registered.</exception>
    internal static void EnsureJsonCodec(IServiceProvider services)
    {
        if (services.GetService<ICodecProvider>() is { } codecs && codecs.TryGetCodec<JsonElement>() is null)
        {
            throw new InvalidOperationException(
                "This Orleans client cannot serialize the actors' JSON message bodies: register their codec with services.AddSerializer(s => s.AddActorsJson()).");
        }
    }

    private static string Id(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return id;
    }

    private static string Token(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return token;
    }

    private static Uri WithSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
