namespace Actors.Abstractions.Storage;

/// <summary>
/// Journal timestamps keep whole microseconds (what PostgreSQL's timestamptz keeps), truncated, in UTC;
/// the embedded store keeps them as INTEGER microseconds since the Unix epoch so they sort as numbers.
/// </summary>
public static class Microseconds
{
    /// <summary>Drops sub-microsecond ticks, so what is read back equals what was written.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        // UtcTicks is never negative, so % truncates the same way before and after the epoch.
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>Microseconds since the Unix epoch, truncated.</summary>
    public static long FromTimestamp(DateTimeOffset value) =>
        (Truncate(value).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>The timestamp <paramref name="microseconds"/> after the Unix epoch.</summary>
    public static DateTimeOffset ToTimestamp(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
