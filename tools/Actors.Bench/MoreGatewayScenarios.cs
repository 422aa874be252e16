using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Actors.Bench;

/// <summary>
/// Issue 14's additions: S1 at steady state (actors past their first snapshots), S4 through the gateway (wrk, one
/// connection), and S1 and S3 against a silo started as the README starts it (SQLite, development tokens).
/// </summary>
public static class MoreGatewayScenarios
{
    /// <summary>The database S1-steady fills and measures.</summary>
    public const string SteadyDatabase = "actors_bench_steady";

    /// <summary>
    /// S1-steady: every actor of S1 (<see cref="Size.Actors"/>) at version <see cref="Size.SteadyVersions"/> before the load,
    /// so past its first snapshots (one every 64 versions) and with a journal of Actors × SteadyVersions sets, analyzed, as a
    /// server that has been running finds it. One actor is built through the gateway; its sets and snapshots are copied
    /// to the others in SQL (ids replaced), which writes what the gateway would have but in seconds. The silo is then
    /// restarted (its statements planned on the full journal, as after any restart) and every actor activated before the
    /// warm-up, as S1 on a fresh database does with its creates.
    /// </summary>
    public static async Task RunS1SteadyAsync(Postgres postgres, Size size, Report report, CancellationToken cancellationToken)
    {
        await postgres.RecreateDatabaseAsync(SteadyDatabase, cancellationToken);
        var watch = Stopwatch.StartNew();
        Console.Error.WriteLine($"bench: S1-steady: filling {size.Actors:N0} actors to version {size.SteadyVersions} ({SteadyDatabase})");
        await using (var builder = await SiloProcess.StartAsync(postgres.ConnectionString(SteadyDatabase), cancellationToken))
        {
            await GatewayScenarios.CreateActorsAsync(builder, 1, report, cancellationToken, figure: "s1steady.templateCreate");
            using var http = Client(builder);
            for (var version = 2; version <= size.SteadyVersions; version++)
            {
                await PostAsync(http, "resources/actors/sku/" + GatewayScenarios.ActorId(0), """[{"type":"adjustStock","body":{"delta":1}}]""", cancellationToken);
            }
        }

        // Copies of bench-0's sets and snapshots under the other ids; '"bench-0"' (quoted) is the id wherever JSON holds it.
        await postgres.ExecuteAsync(SteadyDatabase, $"""
            insert into actors_journal (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, reason, events)
            select j.actor_type, 'bench-' || i, j.version, gen_random_uuid(), j.ts, j.principal, j.operation,
                   replace(j.metadata::text, '"bench-0"', '"bench-' || i || '"')::jsonb, j.reason,
                   replace(j.events::text, '"bench-0"', '"bench-' || i || '"')::jsonb
            from generate_series(1, {size.Actors - 1}) i
            cross join actors_journal j
            where j.actor_type = 'sku' and j.actor_id = 'bench-0'
            order by i, j.version;
            insert into actors_snapshots (actor_type, actor_id, version, state)
            select s.actor_type, 'bench-' || i, s.version, replace(s.state::text, '"bench-0"', '"bench-' || i || '"')::jsonb
            from generate_series(1, {size.Actors - 1}) i
            cross join actors_snapshots s
            where s.actor_type = 'sku' and s.actor_id = 'bench-0';
            analyze actors_journal;
            analyze actors_snapshots;
            """, cancellationToken);
        var rows = await postgres.ScalarAsync<long>(SteadyDatabase, "select count(*) from actors_journal", cancellationToken);
        report.Figure("s1steady.journalRows", rows, "sets");
        report.Figure("s1steady.fillSeconds", watch.Elapsed.TotalSeconds, "s");

        await using var silo = await SiloProcess.StartAsync(postgres.ConnectionString(SteadyDatabase), cancellationToken);
        await ActivateAsync(silo, size.Actors, cancellationToken);
        await GatewayScenarios.RunS1Async(silo, size, report, cancellationToken, "s1steady", $" at steady state ({size.Actors:N0} actors at version {size.SteadyVersions})");
    }

    /// <summary>
    /// S4 through the gateway: getState of the history actor (<see cref="Size.HistoryLength"/> checkpoints) at its oldest
    /// and newest version, POSTed by wrk on one connection and one thread (one call at a time), after a warm-up of each.
    /// </summary>
    public static async Task RunS4GatewayAsync(Postgres postgres, string database, Size size, Report report, CancellationToken cancellationToken)
    {
        await using var silo = await SiloProcess.StartAsync(postgres.ConnectionString(database), cancellationToken);
        Console.Error.WriteLine($"bench: S4 through the gateway: getState of {InProcessScenarios.HistoryActor} ({size.HistoryLength:N0} checkpoints), wrk one connection, {size.WrkDuration.TotalSeconds} s per point");
        var path = "/resources/actors/sku/" + InProcessScenarios.HistoryActor;
        foreach (var (name, version) in new[] { ("oldest", 1L), ("newest", (long)size.HistoryLength) })
        {
            var script = GatewayScenarios.Lua(1, $$$"""[{"type":"getState","body":{"version":{{{version}}}}}]""", token: silo.BearerToken, actorPath: path);
            await External.WrkAsync(silo.BaseAddress, script, 1, TimeSpan.FromSeconds(3), cancellationToken, threads: 1);
            var result = await External.WrkAsync(silo.BaseAddress, script, 1, size.WrkDuration, cancellationToken, threads: 1);
            GatewayScenarios.Record(report, $"s4gw.getState.{name}", result);
        }
    }

    /// <summary>
    /// S1 and S3 against a silo started as the README's first command starts it (<see cref="SiloProcess.StartAsReadmeAsync"/>):
    /// the embedded SQLite journal and the development tokens. Same loads as S1 and S3.
    /// </summary>
    public static async Task RunReadmeAsync(Size size, Report report, CancellationToken cancellationToken)
    {
        await using var silo = await SiloProcess.StartAsReadmeAsync(cancellationToken);
        Console.Error.WriteLine($"bench: README silo (SQLite, development tokens) on {silo.BaseAddress}");
        if (silo.StartNote is { } note)
        {
            report.Note("README silo: " + note);
        }

        await GatewayScenarios.CreateActorsAsync(silo, size.Actors, report, cancellationToken, figure: "readme.createPerSecond");
        await GatewayScenarios.RunS1Async(silo, size, report, cancellationToken, "readme.s1", " against the README silo");
        await GatewayScenarios.RunS3Async(silo, size, report, cancellationToken, "readme.s3", " against the README silo");
    }

    /// <summary>A query to each of the first <paramref name="count"/> actors, 64 at a time: activates them.</summary>
    private static async Task ActivateAsync(SiloProcess silo, int count, CancellationToken cancellationToken)
    {
        using var http = Client(silo);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = GatewayScenarios.Connections, CancellationToken = cancellationToken }, async (i, ct) =>
            await PostAsync(http, "resources/actors/sku/" + GatewayScenarios.ActorId(i), """[{"type":"query","body":{"query":{"fields":["skuId","stock"]}}}]""", ct));
    }

    private static HttpClient Client(SiloProcess silo)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = GatewayScenarios.Connections }) { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", silo.BearerToken);
        return http;
    }

    private static async Task PostAsync(HttpClient http, string path, string json, CancellationToken cancellationToken)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
