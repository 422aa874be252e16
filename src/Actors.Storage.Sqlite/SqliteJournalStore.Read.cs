using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore
{
    private const string Columns = "version, checkpoint_id, ts, principal, operation, events, metadata, reason, global_version";

    /// <inheritdoc />
    public Task<long> GetVersionAsync(ActorKey actor, CancellationToken cancellationToken) =>
        ReadAsync(
            actor,
            static (connection, actor, ct) => ReadVersionAsync(connection, actor, ct),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MutationSetRecord>> ReadAsync(ActorKey actor, long afterVersion, long toVersion, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (toVersion <= afterVersion)
        {
            return Task.FromResult<IReadOnlyList<MutationSetRecord>>([]);
        }

        const string sql = $"""
            select {Columns} from journal
            where actor_type = $actor_type and actor_id = $actor_id and version > $after and version <= $to
            order by version
            limit $limit
            """;
        return QueryAsync(
            actor,
            sql,
            command =>
            {
                command.Parameters.AddWithValue("$after", afterVersion);
                command.Parameters.AddWithValue("$to", toVersion);
                command.Parameters.AddWithValue("$limit", limit);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindCheckpointAsync(ActorKey actor, Guid checkpointId, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {Columns} from journal
            where actor_type = $actor_type and actor_id = $actor_id and checkpoint_id = $checkpoint_id
            limit 1
            """;
        var found = await QueryAsync(
            actor,
            sql,
            command => command.Parameters.AddWithValue("$checkpoint_id", checkpointId),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindAtOrBeforeAsync(ActorKey actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {Columns} from journal
            where actor_type = $actor_type and actor_id = $actor_id and ts <= $at
            order by ts desc, version desc
            limit 1
            """;
        var found = await QueryAsync(
            actor,
            sql,
            command => command.Parameters.AddWithValue("$at", Microseconds.FromTimestamp(at)),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<SnapshotRecord?> FindSnapshotAsync(ActorKey actor, long atOrBeforeVersion, CancellationToken cancellationToken) =>
        ReadAsync(
            actor,
            async (connection, actor, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    select version, state from snapshots
                    where actor_type = $actor_type and actor_id = $actor_id and version <= $version
                    order by version desc
                    limit 1
                    """;
                AddActor(command, actor);
                command.Parameters.AddWithValue("$version", atOrBeforeVersion);
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? new SnapshotRecord(actor, reader.GetInt64(0), reader.GetString(1)) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyAsync(ActorKey actor, string key, CancellationToken cancellationToken) =>
        ReadAsync(
            actor,
            async (connection, actor, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    select request_hash, version, response from idempotency
                    where actor_type = $actor_type and actor_id = $actor_id and key = $key
                    """;
                AddActor(command, actor);
                command.Parameters.AddWithValue("$key", key);
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct)
                    ? new IdempotencyRecord(key, reader.GetString(0), reader.GetInt64(1), reader.GetString(2))
                    : null;
            },
            cancellationToken);

    private static async Task<long> ReadVersionAsync(SqliteConnection connection, ActorKey actor, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select coalesce(max(version), 0) from journal where actor_type = $actor_type and actor_id = $actor_id";
        AddActor(command, actor);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void AddActor(SqliteCommand command, ActorKey actor)
    {
        command.Parameters.AddWithValue("$actor_type", actor.Type);
        command.Parameters.AddWithValue("$actor_id", actor.Id);
    }

    private Task<IReadOnlyList<MutationSetRecord>> QueryAsync(ActorKey actor, string sql, Action<SqliteCommand> addParameters, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<MutationSetRecord>>(
            actor,
            async (connection, actor, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                AddActor(command, actor);
                addParameters(command);
                await using var reader = await command.ExecuteReaderAsync(ct);
                var sets = new List<MutationSetRecord>();
                while (await reader.ReadAsync(ct))
                {
                    sets.Add(ReadMutationSet(reader, actor));
                }

                return sets;
            },
            cancellationToken);

    /// <summary>The mutation set in the current row, whose first columns are <see cref="Columns"/>.</summary>
    private static MutationSetRecord ReadMutationSet(SqliteDataReader reader, ActorKey actor) => new(
        actor,
        Version: reader.GetInt64(0),
        CheckpointId: reader.GetGuid(1),
        Timestamp: Microseconds.ToTimestamp(reader.GetInt64(2)),
        Principal: reader.GetString(3),
        Operation: reader.GetString(4),
        Events: reader.GetString(5),
        Metadata: reader.GetString(6),
        Reason: reader.IsDBNull(7) ? null : reader.GetString(7),
        GlobalVersion: reader.GetInt64(8));

    private Task<T> ReadAsync<T>(ActorKey actor, Func<SqliteConnection, ActorKey, CancellationToken, Task<T>> readAsync, CancellationToken cancellationToken) =>
        ReadAsync((connection, ct) => readAsync(connection, actor, ct), cancellationToken);

    /// <summary>Runs a read on its own pooled connection: WAL readers neither wait for the writer nor for each other.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> readAsync, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await readAsync(connection, cancellationToken);
        }
        catch (Exception exception) when (SqliteErrors.Transform(exception, appending: null) is { } translated)
        {
            throw translated;
        }
    }
}
