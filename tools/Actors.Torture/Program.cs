using Actors.Torture;
using Actors.Torture.Scenarios;

// dotnet tools/Actors.Torture/bin/Release/net10.0/Actors.Torture.dll [--size ci|full] [--scenario all|crash|outage|two-silos|cluster|hostile|permissions|idempotency] [--store both|sqlite|postgres]
var size = Size.Ci;
var scenario = "all";
var stores = new[] { "sqlite", "postgres" };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--size" when i + 1 < args.Length:
            size = Size.Parse(args[++i]);
            break;
        case "--scenario" when i + 1 < args.Length:
            scenario = args[++i];
            break;
        case "--store" when i + 1 < args.Length:
            stores = args[++i] == "both" ? stores : [args[i]];
            break;
        default:
            Console.Error.WriteLine("usage: Actors.Torture [--size ci|full] [--scenario all|crash|outage|two-silos|cluster|hostile|permissions|idempotency] [--store both|sqlite|postgres]");
            return 2;
    }
}

using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(60));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var reports = new List<Report>();
foreach (var run in Scenario.Plan(scenario, stores))
{
    Console.WriteLine($"== {run.Name} ({size.Name})");
    reports.Add(await run.RunAsync(size, Console.Out, cancel.Token));
}

Console.WriteLine();
foreach (var report in reports)
{
    Console.WriteLine(report.ToString().Split('\n')[0]);
}

var failed = reports.Count(r => !r.Passed);
Console.WriteLine(failed == 0 ? $"reliability: all {reports.Count} scenarios passed" : $"reliability: {failed} of {reports.Count} scenarios FAILED");
return failed == 0 ? 0 : 1;
