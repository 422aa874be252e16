using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Torture;

/// <summary>Real HTTP to one silo over loopback. <see cref="BaseAddress"/> may change when the silo is restarted.</summary>
public sealed class SiloClient(Uri baseAddress, TimeSpan? timeout = null) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), MaxConnectionsPerServer = 256 })
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
    };

    private volatile Uri _baseAddress = baseAddress;

    private volatile bool _draining;

    /// <summary>The silo's address; set it after a restart (which also clears <see cref="Draining"/>).</summary>
    public Uri BaseAddress
    {
        get => _baseAddress;
        set
        {
            _baseAddress = value;
            _draining = false;
        }
    }

    /// <summary>
    /// True once the silo answered with <c>Connection: close</c>, as a stopping silo does: a client that knows other silos
    /// sends them its next requests, as a load balancer would once <c>/health/ready</c> says 503.
    /// </summary>
    public bool Draining => _draining;

    /// <summary>Sends one request and reads the whole answer.</summary>
    public async Task<Answer> SendAsync(
        HttpMethod method,
        string path,
        string? token,
        HttpContent? content = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path)) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }

        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.Headers.ConnectionClose == true)
        {
            _draining = true;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Answer((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Headers, clock.Elapsed);
    }

    /// <summary>POSTs a batch to /resources/actors/{type}/{id}{query}.</summary>
    public Task<Answer> BatchAsync(
        string type,
        string id,
        string batch,
        string? token,
        string query = "",
        string? idempotencyKey = null,
        string? ifMatch = null,
        CancellationToken cancellationToken = default)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (idempotencyKey is not null)
        {
            headers.Add(new("Idempotency-Key", idempotencyKey));
        }

        if (ifMatch is not null)
        {
            headers.Add(new("If-Match", ifMatch));
        }

        return SendAsync(HttpMethod.Post, $"/resources/actors/{type}/{id}{query}", token, Json(batch), headers, cancellationToken);
    }

    /// <summary>A GET.</summary>
    public Task<Answer> GetAsync(string path, string? token, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, token, cancellationToken: cancellationToken);

    /// <summary>A batch that must succeed; its JSON answer.</summary>
    public async Task<JsonNode?> MustAsync(string type, string id, string batch, string token, string query = "", CancellationToken cancellationToken = default)
    {
        var answer = await BatchAsync(type, id, batch, token, query, cancellationToken: cancellationToken);
        return answer.Status == 200 ? answer.Json : throw new InvalidOperationException($"{type}/{id} {batch}: {answer}");
    }

    /// <summary>Every checkpoint of an actor, paged with limit/after.</summary>
    public async Task<List<JsonObject>> CheckpointsAsync(string type, string id, string token, CancellationToken cancellationToken = default)
    {
        var all = new List<JsonObject>();
        string? after = null;
        while (true)
        {
            var body = after is null ? """{"limit":1000}""" : $$"""{"limit":1000,"after":"{{after}}"}""";
            var page = (await MustAsync(type, id, $$"""[{"type":"getCheckpoints","body":{{body}}}]""", token, cancellationToken: cancellationToken))!.AsArray();
            all.AddRange(page.Select(c => c!.AsObject()));
            if (page.Count < 1000)
            {
                return all;
            }

            after = (string)page[^1]!["checkpointId"]!;
        }
    }

    /// <summary>The global version (GET /resources/version).</summary>
    public async Task<long?> GlobalVersionAsync(string token, CancellationToken cancellationToken = default)
    {
        var answer = await GetAsync("/resources/version", token, cancellationToken);
        return answer.Status == 200
            ? answer.Json!["version"]?.GetValue<long>()
            : throw new InvalidOperationException($"GET /resources/version: {answer}");
    }

    /// <summary>JSON content of a text.</summary>
    public static StringContent Json(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public void Dispose() => _http.Dispose();
}
