using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Storage.Postgres;

/// <summary>
/// What the PostgreSQL journal reports about itself, on the runtime's source and meter name ("Actors"), so one
/// subscription gets both.
/// </summary>
internal static class PostgresJournalTelemetry
{
    public const string Name = "Actors";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>How many requests each group ran together (kind: append, audit, catch-up read); 1 is a request alone.</summary>
    public static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>(
        "actors.journal.group_size", unit: "{set}", description: "Requests (appends, audit entries, catch-up reads) run together by one group.");
}
