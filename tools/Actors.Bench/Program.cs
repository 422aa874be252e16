using System.Diagnostics;
using Actors.Bench;

// The benchmark: baselines B1 and B2 (pgbench), scenarios S1-S9 (S1 also at steady state and against the README's silo,
// S4 also through the gateway), one table and one JSON file.
//   dotnet run -c Release --project tools/Actors.Bench -- [--quick] --postgres "Host=127.0.0.1;Port=55433;Username=postgres"
//       [--out artifacts/bench/results.json] [--only b1,s4,...] [--command "scripts/bench.sh --quick"]
var quick = args.Contains("--quick");
var size = quick ? Size.Quick : Size.Full;
var postgresArgument = Argument("--postgres") ?? Environment.GetEnvironmentVariable("ACTORS_BENCH_POSTGRES")
    ?? throw new ArgumentException("--postgres <connection string> (or ACTORS_BENCH_POSTGRES) is required: the server to benchmark on.");
var output = Argument("--out") ?? Path.Combine("artifacts", "bench", "results.json");
var only = Argument("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
var command = Argument("--command") ?? "dotnet run -c Release --project tools/Actors.Bench -- " + string.Join(' ', args);

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var ct = cancellation.Token;
var started = DateTimeOffset.UtcNow;
var total = Stopwatch.StartNew();
var postgres = new Postgres(postgresArgument);
var report = new Report(size, command);
const string ActorsDatabase = "actors_bench";

Console.Error.WriteLine($"bench: {size.Name} run on {Machine.OneLine()}");
var server = await postgres.DescribeAsync(ct);
Console.Error.WriteLine($"bench: {server}");
report.Note($"PostgreSQL: {server}");
report.Figure("machine.loadStart", LoadAverage(), "load");

await StepAsync("b1", () => Baselines.RunB1Async(postgres, size, report, ct));
await StepAsync("b2", () => Baselines.RunB2Async(postgres, size, report, ct));

var gateway = Wanted("s4gw") || Wanted("s1") || Wanted("s2") || Wanted("s3") || Wanted("s4") || Wanted("s5") || Wanted("s6");
if (gateway)
{
    await postgres.RecreateDatabaseAsync(ActorsDatabase, ct);
    await StepAsync("s1", async () =>
    {
        await using var silo = await SiloProcess.StartAsync(postgres.ConnectionString(ActorsDatabase), ct);
        Console.Error.WriteLine($"bench: Release silo on {silo.BaseAddress} (PostgreSQL database {ActorsDatabase})");
        await GatewayScenarios.CreateActorsAsync(silo, size.Actors, report, ct);
        if (Wanted("s1"))
        {
            await GatewayScenarios.RunS1Async(silo, size, report, ct);
        }

        if (Wanted("s3"))
        {
            await GatewayScenarios.RunS3Async(silo, size, report, ct);
        }
    }, force: true);
}

await StepAsync("s1steady", () => MoreGatewayScenarios.RunS1SteadyAsync(postgres, size, report, ct));
await StepAsync("readme", () => MoreGatewayScenarios.RunReadmeAsync(size, report, ct));
await StepAsync("s2", () => InProcessScenarios.RunS2Async(postgres.ConnectionString(ActorsDatabase), size, report, ct));
if (Wanted("s4") || Wanted("s4gw") || Wanted("s5"))
{
    await StepAsync("s4", async () =>
    {
        await InProcessScenarios.BuildHistoryAsync(postgres.ConnectionString(ActorsDatabase, fast: true), size, report, ct);
        if (Wanted("s4"))
        {
            await InProcessScenarios.RunS4Async(postgres, ActorsDatabase, size, report, ct);
        }

        if (Wanted("s4") || Wanted("s4gw"))
        {
            await MoreGatewayScenarios.RunS4GatewayAsync(postgres, ActorsDatabase, size, report, ct);
        }
    }, force: true);
}

await StepAsync("s5", () => InProcessScenarios.RunS5Async(postgres.ConnectionString(ActorsDatabase), size, report, ct));
await StepAsync("s6", () => InProcessScenarios.RunS6Async(postgres, ActorsDatabase, size, report, ct));
await StepAsync("s7", () => GrowthScenario.RunAsync(postgres, size, report, ct));
await StepAsync("s8", () => ClusterScenario.RunS8Async(postgres, size, report, ct));
await StepAsync("s9", () => HistoryScenario.RunS9Async(postgres, size, report, ct));

report.Figure("machine.loadEnd", LoadAverage(), "load");
Goals.Judge(report, size);
report.Figure("run.seconds", total.Elapsed.TotalSeconds, "s");
await report.WriteJsonAsync(output, started, ct);
var table = report.Table();
var heading = $"Actors benchmark, {size.Name} size, {started:yyyy-MM-dd HH:mm} UTC, {Machine.OneLine()}; {total.Elapsed.TotalMinutes:0.0} min; `{command}`";
var markdown = Path.ChangeExtension(output, ".md");
await File.WriteAllTextAsync(markdown, heading + "\n\n" + table, ct);
Console.WriteLine();
Console.WriteLine(heading);
Console.WriteLine();
Console.WriteLine(table);
Console.WriteLine($"Every figure: {Path.GetFullPath(output)} (table: {Path.GetFullPath(markdown)})");
return 0;

static double LoadAverage() => File.Exists("/proc/loadavg")
    ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
    : double.NaN;

bool Wanted(string step) => only is null || only.Contains(step);

async Task StepAsync(string step, Func<Task> run, bool force = false)
{
    if (!force && !Wanted(step))
    {
        return;
    }

    var watch = Stopwatch.StartNew();
    try
    {
        await run();
    }
    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
    {
        report.Note($"{step.ToUpperInvariant()} failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        Console.Error.WriteLine(e);
    }

    Console.Error.WriteLine($"bench: {step} took {watch.Elapsed.TotalSeconds:0.0} s (total {total.Elapsed.TotalSeconds:0} s)");
}

// The last occurrence wins: scripts/bench.sh passes its defaults (--out, --postgres) before the caller's own arguments.
string? Argument(string name)
{
    var at = Array.LastIndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
