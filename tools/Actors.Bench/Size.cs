namespace Actors.Bench;

/// <summary>
/// How big a run is: <c>--quick</c> (under 3 minutes) or the full size (under 20). <see cref="WarmUp"/> is the unmeasured
/// run of the same load before each throughput scenario (S1, S2, S3), so that the figures are those of a server that has
/// been running (its code compiled by the optimizing tier, its pools filled), not of its first seconds.
/// <see cref="SteadyVersions"/> is the version every actor of S1-steady is at before its load (snapshots every 64).
/// </summary>
public sealed record Size(
    string Name,
    TimeSpan PgbenchDuration,
    TimeSpan WrkDuration,
    TimeSpan InProcessDuration,
    TimeSpan WarmUp,
    int Actors,
    int HistoryLength,
    int TimeTravelCalls,
    int ColdCalls,
    int IdleActors,
    long GrowthSmall,
    long GrowthLarge,
    int GrowthAppends,
    int SteadyVersions)
{
    /// <summary>The size <c>--quick</c> runs.</summary>
    public static Size Quick { get; } = new(
        "quick",
        PgbenchDuration: TimeSpan.FromSeconds(6),
        WrkDuration: TimeSpan.FromSeconds(6),
        InProcessDuration: TimeSpan.FromSeconds(6),
        WarmUp: TimeSpan.FromSeconds(8),
        Actors: 10_000,
        HistoryLength: 10_000,
        TimeTravelCalls: 150,
        ColdCalls: 30,
        IdleActors: 20_000,
        GrowthSmall: 100_000,
        GrowthLarge: 1_000_000,
        GrowthAppends: 300,
        SteadyVersions: 130);

    /// <summary>The full size the goals are stated for.</summary>
    public static Size Full { get; } = new(
        "full",
        PgbenchDuration: TimeSpan.FromSeconds(30),
        WrkDuration: TimeSpan.FromSeconds(30),
        InProcessDuration: TimeSpan.FromSeconds(30),
        WarmUp: TimeSpan.FromSeconds(10),
        Actors: 10_000,
        HistoryLength: 100_000,
        TimeTravelCalls: 1_000,
        ColdCalls: 100,
        IdleActors: 100_000,
        GrowthSmall: 100_000,
        GrowthLarge: 10_000_000,
        GrowthAppends: 2_000,
        SteadyVersions: 260);
}
