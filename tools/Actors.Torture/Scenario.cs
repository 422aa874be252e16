using Actors.Torture.Scenarios;

namespace Actors.Torture;

/// <summary>One scenario on one store, by name, as the command line and the tests run it.</summary>
public sealed record Scenario(string Name, Func<Size, TextWriter, CancellationToken, Task<Report>> RunAsync)
{
    /// <summary>Every scenario name the command line knows.</summary>
    public static readonly string[] Names = ["crash", "outage", "two-silos", "cluster", "hostile", "permissions", "idempotency"];

    /// <summary>The runs <paramref name="name"/> (or "all") stands for, on the given stores where the scenario has a choice.</summary>
    public static IEnumerable<Scenario> Plan(string name, IReadOnlyList<string> stores)
    {
        if (name != "all" && !Names.Contains(name))
        {
            throw new ArgumentException($"Unknown scenario '{name}': all, {string.Join(", ", Names)}.", nameof(name));
        }

        bool Wanted(string scenario) => name == "all" || name == scenario;
        foreach (var store in stores)
        {
            if (Wanted("crash"))
            {
                yield return new($"crash/{store}", (size, log, ct) => CrashScenario.RunAsync(store, size, log, ct));
            }
        }

        if (Wanted("outage") && stores.Contains("postgres"))
        {
            yield return new("outage/postgres", OutageScenario.RunAsync);
        }

        if (Wanted("two-silos") && stores.Contains("postgres"))
        {
            yield return new("two-silos/postgres", TwoSilosScenario.RunAsync);
        }

        if (Wanted("cluster") && stores.Contains("postgres"))
        {
            yield return new("cluster/postgres", ClusterScenario.RunAsync);
        }

        foreach (var store in stores)
        {
            if (Wanted("hostile"))
            {
                yield return new($"hostile/{store}", (size, log, ct) => HostileInputScenario.RunAsync(store, size, log, ct));
            }
        }

        if (Wanted("permissions"))
        {
            yield return new("permissions/sqlite", (size, log, ct) => PermissionScenario.RunAsync("sqlite", size, log, ct));
        }

        foreach (var store in stores)
        {
            if (Wanted("idempotency"))
            {
                yield return new($"idempotency/{store}", (size, log, ct) => IdempotencyScenario.RunAsync(store, size, log, ct));
            }
        }
    }
}
