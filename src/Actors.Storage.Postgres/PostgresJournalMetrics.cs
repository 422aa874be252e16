using System.Diagnostics.Metrics;

namespace Actors.Storage.Postgres;

/// <summary>What the PostgreSQL journal reports about itself, on the runtime's meter name ("Actors"), so one subscription gets both.</summary>
internal static class PostgresJournalMetrics
{
    public static readonly Meter Meter = new("Actors");

    /// <summary>How many mutation sets (or audit entries) each group commit wrote together; 1 is an append alone.</summary>
    public static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>(
        "actors.journal.group_size", unit: "{set}", description: "Writes committed together by one group commit.");
}
