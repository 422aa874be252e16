using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore
{
    private const string InsertJournalSql = """
        insert into journal (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, reason, events)
        values ($actor_type, $actor_id, $version, $checkpoint_id, $ts, $principal, $operation, $metadata, $reason, $events);
        select last_insert_rowid();
        """;

    // The state after a version never changes, so an existing snapshot of it is already right.
    private const string InsertSnapshotSql = """
        insert into snapshots (actor_type, actor_id, version, state)
        values ($actor_type, $actor_id, $version, $state)
        on conflict (actor_type, actor_id, version) do nothing
        """;

    private const string InsertIdempotencySql = """
        insert into idempotency (actor_type, actor_id, key, request_hash, version, response, created_at)
        values ($actor_type, $actor_id, $key, $request_hash, $version, $response, $created_at)
        """;

    /// <inheritdoc />
    public async Task<long> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        AppendValidation.Validate(request);
        var set = request.MutationSet;
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                // BEGIN IMMEDIATE takes the write lock up front, so the version read below cannot go stale.
                await using var transaction = connection.BeginTransaction(deferred: false);

                var current = await ReadVersionAsync(connection, set.Actor, cancellationToken);
                if (set.Version <= current)
                {
                    throw new VersionConflictException(set.Actor, set.Version);
                }

                if (set.Version != current + 1)
                {
                    throw AppendValidation.Gap(set);
                }

                if (request.DataKeyId is { } keyId && !await DataKeyExistsAsync(connection, keyId, cancellationToken))
                {
                    throw new DataKeyDestroyedException(set.Actor, keyId);
                }

                var globalVersion = await InsertJournalAsync(connection, set, cancellationToken);
                if (request.Snapshot is { } snapshot)
                {
                    await InsertSnapshotAsync(connection, snapshot, cancellationToken);
                }

                if (request.Idempotency is { } idempotency)
                {
                    await InsertIdempotencyAsync(connection, set, idempotency, cancellationToken);
                }

                if (request.Audit is { } audit)
                {
                    await InsertAuditAsync(connection, audit, cancellationToken);
                }

                if (request.Erasure is { } erasure)
                {
                    await EraseAsync(connection, set.Actor, erasure, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                if (request.Erasure is not null)
                {
                    await TruncateLogAsync(connection, cancellationToken);
                }

                return globalVersion;
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception exception) when (SqliteErrors.Transform(exception, set) is { } translated)
        {
            throw translated;
        }
    }

    private static async Task<long> InsertJournalAsync(SqliteConnection connection, MutationSetRecord set, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = InsertJournalSql;
        AddActor(command, set.Actor);
        command.Parameters.AddWithValue("$version", set.Version);
        command.Parameters.AddWithValue("$checkpoint_id", set.CheckpointId);
        command.Parameters.AddWithValue("$ts", Microseconds.FromTimestamp(set.Timestamp));
        command.Parameters.AddWithValue("$principal", set.Principal);
        command.Parameters.AddWithValue("$operation", set.Operation);
        command.Parameters.AddWithValue("$metadata", set.Metadata);
        command.Parameters.AddWithValue("$reason", (object?)set.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$events", set.Events);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task InsertSnapshotAsync(SqliteConnection connection, SnapshotRecord snapshot, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = InsertSnapshotSql;
        AddActor(command, snapshot.Actor);
        command.Parameters.AddWithValue("$version", snapshot.Version);
        command.Parameters.AddWithValue("$state", snapshot.State);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertIdempotencyAsync(SqliteConnection connection, MutationSetRecord set, IdempotencyRecord idempotency, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = InsertIdempotencySql;
        AddActor(command, set.Actor);
        command.Parameters.AddWithValue("$key", idempotency.Key);
        command.Parameters.AddWithValue("$request_hash", idempotency.RequestHash);
        command.Parameters.AddWithValue("$version", idempotency.Version);
        command.Parameters.AddWithValue("$response", idempotency.Response);
        command.Parameters.AddWithValue("$created_at", Microseconds.FromTimestamp(DateTimeOffset.UtcNow));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
