namespace Actors.Torture;

/// <summary>How hard a run pushes: <see cref="Ci"/> fits in a test run, <see cref="Full"/> takes minutes.</summary>
public sealed record Size(
    string Name,
    int CrashKills,
    int CrashWorkers,
    int CrashActors,
    int OutageSeconds,
    int TwoSiloBatches,
    int TwoSiloActors,
    int HostileRequests,
    int RaceRounds,
    int RaceClients,
    int ClusterRounds,
    int ClusterWorkers,
    int ClusterActors,
    int ClusterPhaseSeconds)
{
    public static readonly Size Ci = new("ci", CrashKills: 3, CrashWorkers: 6, CrashActors: 12, OutageSeconds: 1, TwoSiloBatches: 400, TwoSiloActors: 4, HostileRequests: 10_000, RaceRounds: 15, RaceClients: 6,
        ClusterRounds: 1, ClusterWorkers: 6, ClusterActors: 24, ClusterPhaseSeconds: 3);

    public static readonly Size Full = new("full", CrashKills: 25, CrashWorkers: 12, CrashActors: 40, OutageSeconds: 10, TwoSiloBatches: 5000, TwoSiloActors: 8, HostileRequests: 50_000, RaceRounds: 100, RaceClients: 12,
        ClusterRounds: 3, ClusterWorkers: 12, ClusterActors: 40, ClusterPhaseSeconds: 10);

    public static Size Parse(string name) => name switch
    {
        "ci" => Ci,
        "full" => Full,
        _ => throw new ArgumentException($"Unknown size '{name}': ci or full.", nameof(name)),
    };
}
