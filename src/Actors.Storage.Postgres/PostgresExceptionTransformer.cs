using System.Net.Sockets;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Npgsql;

namespace Actors.Storage.Postgres;

/// <summary>
/// The one place where PostgreSQL and Npgsql errors become the store's contract (after Marten's
/// exception transformer): a refused version becomes <see cref="VersionConflictException"/>, an outage
/// becomes <see cref="StorageUnavailableException"/>, and anything else stays as it is, because it is a bug.
/// </summary>
internal static class PostgresExceptionTransformer
{
    // 23505 unique_violation. Only these two keys mean "another writer was first"; a unique violation
    // anywhere else would be a bug and must not be disguised as a retryable conflict.
    private const string UniqueViolation = "23505";
    private const string JournalKey = "actors_journal_pkey";
    private const string IdempotencyKey = "actors_idempotency_pkey";

    /// <summary>Server answers that mean "the database cannot serve you now", not "your request is wrong".</summary>
    private static readonly HashSet<string> UnavailableStates =
    [
        // Class 08, connection exception: the connection broke or could not be made.
        "08000", "08001", "08003", "08004", "08006", "08007", "08P01",
        // Class 53, insufficient resources: disk_full, out_of_memory, too_many_connections.
        "53000", "53100", "53200", "53300", "53400",
        // Class 57: admin_shutdown (57P01) arrives on every pooled connection when the server stops or
        // fails over; crash_shutdown (57P02); cannot_connect_now (57P03) while it starts or recovers.
        "57P01", "57P02", "57P03", "57P04", "57P05",
        // Class 58, system error: I/O errors on the server.
        "58000", "58030",
        // read_only_sql_transaction: we reached a standby, typically during a failover.
        "25006",
        // invalid_catalog_name / invalid_authorization: a dropped database or rotated credentials are an
        // outage for the caller (503 and an alert), not something the request did wrong.
        "3D000", "28000", "28P01",
    ];

    /// <summary>The exception to throw instead of <paramref name="exception"/>, or null to let it through.</summary>
    /// <param name="appending">The mutation set being appended, when the failed call is an append.</param>
    public static Exception? Transform(Exception exception, MutationSetRecord? appending)
    {
        // Cancellation is the caller's decision (Npgsql wraps 57014 query_canceled in it); never turn it into an outage.
        if (exception is OperationCanceledException)
        {
            return null;
        }

        if (exception is PostgresException { SqlState: UniqueViolation, ConstraintName: JournalKey or IdempotencyKey }
            && appending is not null)
        {
            return new VersionConflictException(appending.Actor, appending.Version);
        }

        return IsUnavailable(exception)
            ? new StorageUnavailableException("The PostgreSQL journal cannot be reached.", exception)
            : null;
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        // Judge server errors by SQLSTATE only: PostgresException.IsTransient also covers serialization
        // failures and deadlocks, which this store's statements cannot cause and which would hide a bug.
        PostgresException postgres => UnavailableStates.Contains(postgres.SqlState),
        // Client side: refused/reset sockets, broken streams, connect and command timeouts, an exhausted
        // pool. Npgsql marks these IsTransient; the inner-exception test covers wrappers that do not.
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };
}
