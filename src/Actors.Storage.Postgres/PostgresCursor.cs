using System.Globalization;

namespace Actors.Storage.Postgres;

/// <summary>
/// Page cursors of this store. Callers treat them as opaque; they are "tx-global_version" for events
/// (the sort key of the set a page ended with) and the sequence for the audit log.
/// </summary>
internal static class PostgresCursor
{
    public static string FormatEvent(ulong tx, long globalVersion) =>
        string.Create(CultureInfo.InvariantCulture, $"{tx}-{globalVersion}");

    public static (ulong Tx, long GlobalVersion) ParseEvent(string cursor)
    {
        var separator = cursor.IndexOf('-', StringComparison.Ordinal);
        if (separator > 0
            && ulong.TryParse(cursor.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
            && long.TryParse(cursor.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var globalVersion))
        {
            return (tx, globalVersion);
        }

        throw Invalid(cursor);
    }

    public static string FormatAudit(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    public static long ParseAudit(string cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : throw Invalid(cursor);

    private static ArgumentException Invalid(string cursor) =>
        new($"'{cursor}' is not a cursor this store handed out.", nameof(cursor));
}
