using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Torture.Scenarios;

/// <summary>
/// PostgreSQL goes away under load, twice: first refused (a stopped server), then a black hole (a network that drops
/// packets). A proxy in front of PostgreSQL does it; the shared server is never stopped. While it is away the silo answers
/// 503 with Retry-After within a bound set by the connection string's timeouts, /health/ready is 503, and after it comes
/// back the silo serves again within seconds without a restart. Nothing acknowledged is lost.
/// </summary>
public static class OutageScenario
{
    private const int ConnectTimeoutSeconds = 2;
    private const int CommandTimeoutSeconds = 3;

    /// <summary>The longest any answer may take: both timeouts, the cancellation timeout, and slack for a busy machine.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(ConnectTimeoutSeconds + CommandTimeoutSeconds + 1 + 10);

    /// <summary>How long requests caught by the outage may take to fail: connect, command and cancellation timeouts.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(ConnectTimeoutSeconds + CommandTimeoutSeconds + 1 + 1);

    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);

    public static async Task<Report> RunAsync(Size size, TextWriter log, CancellationToken cancellationToken)
    {
        var report = new Report("outage/postgres");
        var tokens = new Tokens();
        await using var journal = await JournalStore.PostgresAsync(cancellationToken);
        await using var proxy = new FaultProxy(journal.Server.Host, journal.Server.Port);
        var environment = Silos.Environment(tokens, journal, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = journal.Through(proxy.Port, ConnectTimeoutSeconds, CommandTimeoutSeconds),
        });
        await using var silo = await SiloProcess.StartAsync(environment, cancellationToken);
        using var client = new SiloClient(silo.BaseAddress, TimeSpan.FromSeconds(60));
        var ledger = new OrderLedger($"outage-{Guid.NewGuid():N}"[..19]);
        const int Workers = 4;
        var lastOk = new DateTime[Workers];
        var slowest = TimeSpan.Zero;
        var sender = new BatchSender(() => client, tokens.Admin.Token, report, TimeSpan.FromSeconds(120))
        {
            Observe = answer =>
            {
                lock (lastOk)
                {
                    slowest = answer.Elapsed > slowest ? answer.Elapsed : slowest;
                }

                if (answer.Status == 503 && answer.ProblemDefect() is { } defect)
                {
                    report.Fail($"a 503 that is not a proper problem: {defect}");
                }
            },
        };

        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await sender.SendAsync(ledger.Next(ledger.ActorId(w)), cancellationToken) is not null)
                {
                    lastOk[w] = DateTime.UtcNow;
                }

                await Task.Delay(20, cancellationToken);
            }
        }, cancellationToken)).ToList();

        var health = new ConcurrentQueue<(DateTime At, int Status, TimeSpan Took)>();
        var probing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var at = DateTime.UtcNow;
                var answer = await client.GetAsync("/health/ready", null, cancellationToken);
                health.Enqueue((at, answer.Status, answer.Elapsed));
                await Task.Delay(200, cancellationToken);
            }
        }, cancellationToken);

        await Task.Delay(2000, cancellationToken);
        foreach (var (mode, fail) in new (string, Action)[] { ("refused", proxy.Refuse), ("black hole", proxy.Blackhole) })
        {
            var before = report["503"];
            var down = DateTime.UtcNow;
            fail();
            // Long enough that answers to requests caught in flight (bounded by the timeouts) arrive while it lasts.
            // A black hole also needs room for whole /health/ready probes (each bounded by the timeouts) inside it.
            await Task.Delay(TimeSpan.FromSeconds(size.OutageSeconds) + Settle + (mode == "black hole" ? Settle + TimeSpan.FromSeconds(1) : TimeSpan.Zero), cancellationToken);
            var up = DateTime.UtcNow;
            proxy.Resume();
            report.Add("outages");
            report.Require(report["503"] > before, $"no 503 while PostgreSQL was {mode}");

            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && (lastOk.Any(t => t < up) || !health.Any(h => h.At > up && h.Status == 200)))
            {
                await Task.Delay(100, cancellationToken);
            }

            report.Max("recovery ms", (long)clock.Elapsed.TotalMilliseconds);
            report.Require(clock.Elapsed < RecoveryBound, $"after PostgreSQL came back ({mode}) the silo took {clock.Elapsed.TotalSeconds:0.0} s to serve every worker and be ready");

            // Probes that began well inside the outage must say not ready.
            var during = health.Where(h => h.At > down + Settle && h.At + h.Took < up).ToList();
            report.Add("ready probes during outage", during.Count);
            report.Require(during.Count > 0 && during.All(h => h.Status == 503), $"/health/ready did not say 503 throughout the outage ({mode}): {string.Join(", ", during.Select(h => h.Status))}");
            await Task.Delay(1000, cancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await probing;
        report.Set("slowest answer ms", (long)slowest.TotalMilliseconds);
        report.Set("slowest ready ms", (long)health.Max(h => h.Took).TotalMilliseconds);
        report.Require(slowest < AnswerBound, $"an answer took {slowest.TotalSeconds:0.0} s; the bound is {AnswerBound.TotalSeconds} s");
        report.Require(health.All(h => h.Took < AnswerBound), "a /health/ready probe took longer than the bound");
        await ledger.VerifyAsync(client, tokens.Admin.Token, report, cancellationToken);
        report.CheckCore();
        log.WriteLine(report);
        return report;
    }
}
