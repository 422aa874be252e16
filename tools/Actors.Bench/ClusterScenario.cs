using System.Globalization;

namespace Actors.Bench;

/// <summary>
/// S8: S1's load (durable <c>adjustStock</c> writes through the gateway, wrk) through one, two and three silo processes on
/// the same PostgreSQL database, one Orleans cluster, wrk's threads spread over the silos' HTTP ports.
/// </summary>
public static class ClusterScenario
{
    /// <summary>The database S8 creates, so that S1's activations and history do not mix with it.</summary>
    public const string Database = "actors_bench_cluster";

    /// <summary>The cluster sizes measured.</summary>
    public static readonly int[] SiloCounts = [1, 2, 3];

    public static async Task RunS8Async(Postgres postgres, Size size, Report report, CancellationToken cancellationToken)
    {
        await postgres.RecreateDatabaseAsync(Database, cancellationToken);
        var connectionString = postgres.ConnectionString(Database);
        foreach (var count in SiloCounts)
        {
            // Fresh silos for every size: the actors are activated again during the warm-up, spread over all of them
            // (each on the silo Orleans places it on), not left where an earlier, smaller cluster put them. Each size is a
            // cluster of its own: the silos of the one before were killed, and a new silo would first wait for the
            // cluster to declare them dead.
            var cluster = new Dictionary<string, string> { ["Orleans__ClusterId"] = $"bench-s8-{count.ToString(CultureInfo.InvariantCulture)}" };
            var silos = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => SiloProcess.StartAsync(connectionString, cancellationToken, cluster)));
            try
            {
                if (count == SiloCounts[0])
                {
                    await GatewayScenarios.CreateActorsAsync(silos[0], size.Actors, report, cancellationToken, "s8.createPerSecond");
                }

                var threads = Math.Max(Environment.ProcessorCount, count);
                var connections = GatewayScenarios.Connections / threads * threads;
                var key = $"s8.silos{count.ToString(CultureInfo.InvariantCulture)}";
                Console.Error.WriteLine($"bench: S8 gateway durable writes through {count} silo process(es) on one database (wrk, {connections} connections on {threads} threads over {count} silo(s), {size.WrkDuration.TotalSeconds} s after a warm-up until the throughput settles)");
                var script = GatewayScenarios.Lua(size.Actors, """[{"type":"adjustStock","body":{"delta":1}}]""", [.. silos.Select(s => s.BaseAddress)]);
                var warmedUp = await WarmUpAsync(silos, script, connections, threads, size.WarmUp * count, size.WarmUp * (count + 6), cancellationToken);
                report.Figure(key + ".warmUp", warmedUp.TotalSeconds, "s");
                var busy = CpuTimes.Now();
                var siloCpu = SiloCpu(silos);
                var commits = await CommitsAsync(postgres, cancellationToken);
                var result = await External.WrkAsync(silos[0].BaseAddress, script, connections, size.WrkDuration, cancellationToken, threads);
                GatewayScenarios.Record(report, key, result);
                report.Figure(key + ".machineBusy", CpuTimes.Now().BusyPercentSince(busy), "%");
                report.Figure(key + ".siloCpuPerBatch", (SiloCpu(silos) - siloCpu).TotalMicroseconds / result.Requests, "µs");
                report.Figure(key + ".transactionsPerBatch", (await CommitsAsync(postgres, cancellationToken) - commits) / (double)result.Requests, "transactions");
                report.Figure(key + ".ratio", result.RequestsPerSecond / report.Get("s8.silos1.batchesPerSecond"), "× one silo");
            }
            finally
            {
                foreach (var silo in silos)
                {
                    await silo.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// The same load, unmeasured, in windows of a few seconds until it settles: at least <paramref name="minimum"/>, then
    /// until two windows in a row improved neither the throughput nor the silos' CPU per batch by more than 10% over the
    /// best window before them; at most <paramref name="maximum"/>. Every silo process compiles its hot paths itself
    /// (tiered JIT; its compilations count in its CPU) and activates its share of the actors, on cores it shares with the
    /// others: on a loaded 2-core machine two or three silos took 30–60 s to settle where one took under 25, so a fixed
    /// warm-up would measure them half-compiled.
    /// </summary>
    private static async Task<TimeSpan> WarmUpAsync(
        SiloProcess[] silos, string script, int connections, int threads, TimeSpan minimum, TimeSpan maximum, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds(4);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var fastest = 0.0;
        var leanest = double.MaxValue;
        var flat = 0;
        while (watch.Elapsed + window <= maximum)
        {
            var cpu = SiloCpu(silos);
            var result = await External.WrkAsync(silos[0].BaseAddress, script, connections, window, cancellationToken, threads);
            var cpuPerBatch = (SiloCpu(silos) - cpu).TotalMicroseconds / Math.Max(1, result.Requests);
            var improved = result.RequestsPerSecond > fastest * 1.1 || cpuPerBatch < leanest / 1.1;
            fastest = Math.Max(fastest, result.RequestsPerSecond);
            leanest = Math.Min(leanest, cpuPerBatch);
            flat = improved ? 0 : flat + 1;
            if (watch.Elapsed >= minimum && flat >= 2)
            {
                break;
            }
        }

        return watch.Elapsed;
    }

    /// <summary>The CPU time all the silo processes used so far.</summary>
    private static TimeSpan SiloCpu(SiloProcess[] silos) => silos.Aggregate(TimeSpan.Zero, (sum, silo) => sum + silo.CpuTime());

    /// <summary>
    /// Transactions committed in S8's database so far (PostgreSQL's statistics, flushed about once a second: approximate
    /// over a few seconds). Each group commit is one; so are the activations' reads and the membership's heartbeats.
    /// </summary>
    private static Task<long> CommitsAsync(Postgres postgres, CancellationToken cancellationToken) =>
        postgres.ScalarAsync<long>("postgres", $"select xact_commit from pg_stat_database where datname = '{Database}'", cancellationToken);

    /// <summary>The machine's CPU time from /proc/stat: how busy all cores were between two readings.</summary>
    private readonly record struct CpuTimes(long Busy, long Total)
    {
        public static CpuTimes Now()
        {
            if (!File.Exists("/proc/stat"))
            {
                return default;
            }

            // cpu  user nice system idle iowait irq softirq steal ...
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            return new CpuTimes(total - fields[3] - fields[4], total);
        }

        public double BusyPercentSince(CpuTimes earlier) =>
            Total == earlier.Total ? double.NaN : 100.0 * (Busy - earlier.Busy) / (Total - earlier.Total);
    }
}
