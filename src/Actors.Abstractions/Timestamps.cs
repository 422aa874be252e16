using System.Globalization;
using Actors.Abstractions.Storage;

namespace Actors.Abstractions;

/// <summary>The one way timestamps are cut and written: UTC, whole microseconds, ISO 8601 with <c>Z</c>.</summary>
public static class Timestamps
{
    /// <summary>Drops sub-microsecond ticks, which neither store keeps.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) => Microseconds.Truncate(value);

    /// <summary>Formats as <c>2025-01-15T10:30:00.123456Z</c> (trailing zero digits dropped).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
}
