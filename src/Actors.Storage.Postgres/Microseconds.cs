namespace Actors.Storage.Postgres;

/// <summary>timestamptz keeps whole microseconds; truncating first makes what is read back equal what was written.</summary>
internal static class Microseconds
{
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
