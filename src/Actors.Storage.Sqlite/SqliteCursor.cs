using System.Globalization;

namespace Actors.Storage.Sqlite;

/// <summary>
/// Page cursors of this store. Callers treat them as opaque; they are the global version of the set a page of
/// events ended with, and the sequence of the audit entry a page ended with.
/// </summary>
internal static class SqliteCursor
{
    public static string Format(long position) => position.ToString(CultureInfo.InvariantCulture);

    public static long Parse(string cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw new ArgumentException($"'{cursor}' is not a cursor this store handed out.", nameof(cursor));
}
