using System.Net.Http.Headers;
using System.Text;

namespace Actors.Bench;

/// <summary>S1 (durable writes through the gateway) and S3 (query reads of hot actors) with wrk against the Release silo.</summary>
public static class GatewayScenarios
{
    /// <summary>Concurrent HTTP connections of S1 and S3.</summary>
    public const int Connections = 64;

    /// <summary>Actors S3 reads, all of them already activated.</summary>
    public const int HotActors = 100;

    /// <summary>The id of the i-th actor S1, S2 and S3 address.</summary>
    public static string ActorId(int i) => $"bench-{i}";

    /// <summary>Creates <see cref="Size.Actors"/> sku actors through the gateway (which also activates them), 64 at a time.</summary>
    public static async Task CreateActorsAsync(SiloProcess silo, int count, Report report, CancellationToken cancellationToken, string figure = "s1.createPerSecond")
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Console.Error.WriteLine($"bench: creating {count:N0} sku actors through the gateway");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections }) { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", silo.BearerToken);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Connections, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var body = new StringContent(
                $$$"""[{"type":"create","body":{"skuNumber":"B{{{i}}}","name":"Bench sku {{{i}}}","price":10,"currency":"SEK"}}]""",
                Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri($"resources/actors/sku/{ActorId(i)}", UriKind.Relative), body, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Creating {ActorId(i)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
        report.Figure(figure, count / watch.Elapsed.TotalSeconds, "batches/s");
    }

    /// <summary>S1: one <c>adjustStock</c> per batch, a random actor of <paramref name="actors"/> per request.</summary>
    public static async Task RunS1Async(SiloProcess silo, Size size, Report report, CancellationToken cancellationToken, string key = "s1", string what = "")
    {
        Console.Error.WriteLine($"bench: S1 gateway durable writes{what} (wrk, {Connections} connections, {size.WrkDuration.TotalSeconds} s after {size.WarmUp.TotalSeconds} s of warm-up)");
        var script = Lua(size.Actors, """[{"type":"adjustStock","body":{"delta":1}}]""", token: silo.BearerToken);
        await External.WrkAsync(silo.BaseAddress, script, Connections, size.WarmUp, cancellationToken);
        var result = await External.WrkAsync(silo.BaseAddress, script, Connections, size.WrkDuration, cancellationToken);
        Record(report, key, result);
    }

    /// <summary>S3: one <c>query</c> per batch, a random actor of the <see cref="HotActors"/> hot ones per request.</summary>
    public static async Task RunS3Async(SiloProcess silo, Size size, Report report, CancellationToken cancellationToken, string key = "s3", string what = "")
    {
        Console.Error.WriteLine($"bench: S3 gateway query reads of {HotActors} hot actors{what} (wrk, {Connections} connections, {size.WrkDuration.TotalSeconds} s after {size.WarmUp.TotalSeconds} s of warm-up)");
        var script = Lua(HotActors, """[{"type":"query","body":{"query":{"fields":["skuId","stock","price"]}}}]""", token: silo.BearerToken);
        await External.WrkAsync(silo.BaseAddress, script, Connections, size.WarmUp, cancellationToken);
        var result = await External.WrkAsync(silo.BaseAddress, script, Connections, size.WrkDuration, cancellationToken);
        Record(report, key, result);
    }

    /// <summary>Records a wrk run's throughput, median, p99, requests and errors under <paramref name="key"/>.</summary>
    public static void Record(Report report, string key, WrkResult result)
    {
        report.Figure(key + ".batchesPerSecond", result.RequestsPerSecond, "batches/s");
        report.Figure(key + ".median", result.MedianMs, "ms");
        report.Figure(key + ".p99", result.P99Ms, "ms");
        report.Figure(key + ".requests", result.Requests, "requests");
        report.Figure(key + ".errors", result.Errors, "requests");
        if (result.Errors > 0)
        {
            report.Note($"{key.ToUpperInvariant()}: {result.Errors} of {result.Requests} requests were not 2xx or failed at the socket.");
        }
    }

    /// <summary>
    /// wrk's script: POSTs <paramref name="body"/> to a random sku actor of <paramref name="actors"/>. With
    /// <paramref name="silos"/>, wrk's threads are spread over those addresses, thread i on silo i modulo their number.
    /// </summary>
    public static string Lua(int actors, string body, IReadOnlyList<Uri>? silos = null, string token = SiloProcess.Token, string actorPath = "")
    {
        var ports = string.Join(", ", (silos ?? []).Select(s => $"'{s.Port}'"));
        var spread = silos is not { Count: > 1 } ? string.Empty : $$"""
            local silos = { {{ports}} }
            local next = 0

            function setup(thread)
              thread.addr = wrk.lookup("{{silos[0].Host}}", silos[next % #silos + 1])[1]
              next = next + 1
            end

            """;
        return spread + $$"""
            wrk.method = "POST"
            wrk.body = '{{body}}'
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Authorization"] = "Bearer {{token}}"

            function init(args)
              local address = tonumber(string.match(tostring({}), "0x(%x+)"), 16) or 0
              math.randomseed(os.time() + address % 1000003)
            end

            function request()
              return wrk.format(nil, {{(actorPath.Length > 0 ? $"\"{actorPath}\"" : $"\"/resources/actors/sku/bench-\" .. math.random(0, {actors - 1})")}})
            end
            """;
    }
}
