namespace Actors.Storage.Sqlite;

/// <summary>
/// Timestamps are stored as INTEGER microseconds since the Unix epoch (UTC): they sort and compare as
/// numbers in the index, and keep exactly what PostgreSQL's timestamptz keeps (whole microseconds, truncated).
/// </summary>
internal static class Microseconds
{
    public static long FromTimestamp(DateTimeOffset value)
    {
        // UtcTicks is never negative, so % truncates the same way for dates before and after the epoch.
        var ticks = value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond);
        return (ticks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
    }

    public static DateTimeOffset ToTimestamp(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
