using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

/// <summary>
/// The one place where SQLite errors become the store's contract: a refused key becomes
/// <see cref="VersionConflictException"/>, a file the store cannot use becomes
/// <see cref="StorageUnavailableException"/>, anything else stays as it is, because it is a bug.
/// </summary>
internal static class SqliteErrors
{
    // Result codes, https://www.sqlite.org/rescode.html
    private const int Perm = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NoMem = 7;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Constraint = 19;
    private const int NotADb = 26;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    /// <summary>The exception to throw instead of <paramref name="exception"/>, or null to let it through.</summary>
    /// <param name="appending">The mutation set being appended, when the failed call is an append.</param>
    public static Exception? Transform(Exception exception, MutationSetRecord? appending) => exception switch
    {
        OperationCanceledException => null,

        // During an append the only unique keys that can refuse a row are the journal's (actor, version)
        // and the idempotency (actor, key); the snapshot insert ignores duplicates. Both mean "another
        // writer was first" (a second process on the same file can get past the in-process pre-check).
        SqliteException { SqliteErrorCode: Constraint, SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey }
            when appending is not null => new VersionConflictException(appending.Actor, appending.Version),

        // The file is locked by another process past the busy timeout, unreadable, on a full or failing
        // disk, or not a database: the request may succeed later or elsewhere, so the caller sees 503.
        SqliteException { SqliteErrorCode: Busy or Locked or ReadOnly or IoErr or Full or CantOpen or Perm or NoMem or Corrupt or NotADb } =>
            new StorageUnavailableException("The SQLite journal file cannot be used.", exception),

        // Creating the file's directory failed (permissions, read-only mount).
        IOException or UnauthorizedAccessException =>
            new StorageUnavailableException("The SQLite journal file cannot be created.", exception),

        _ => null,
    };
}
