using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore
{
    private const string Columns = "version, checkpoint_id, ts, principal, operation, events, metadata, reason, global_version";

    /// <summary><see cref="Columns"/> of the journal aliased <c>j</c>, in the same order.</summary>
    private const string JournalColumns = "j.version, j.checkpoint_id, j.ts, j.principal, j.operation, j.events, j.metadata, j.reason, j.global_version";

    private const string RebuildSql = $"""
        with snapshot as (
            select version, state from actors_snapshots
            where actor_type = @actor_type and actor_id = @actor_id and version <= @to
            order by version desc
            limit 1
        )
        select {JournalColumns}, s.state
        from actors_journal j
        left join snapshot s on s.version = j.version
        where j.actor_type = @actor_type and j.actor_id = @actor_id
          and j.version >= coalesce((select version from snapshot), 1) and j.version <= @to
        order by j.version
        """;

    /// <inheritdoc />
    public async Task<long> GetVersionAsync(ActorKey actor, CancellationToken cancellationToken)
    {
        const string sql = "select coalesce(max(version), 0) from actors_journal where actor_type = @actor_type and actor_id = @actor_id";
        return await ExecuteAsync(
            sql,
            actor,
            static _ => { },
            static async (command, ct) => (long)(await command.ExecuteScalarAsync(ct))!,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MutationSetRecord>> ReadAsync(ActorKey actor, long afterVersion, long toVersion, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (toVersion <= afterVersion)
        {
            return [];
        }

        const string sql = $"""
            select {Columns} from actors_journal
            where actor_type = @actor_type and actor_id = @actor_id and version > @after and version <= @to
            order by version
            limit @limit
            """;
        return await ExecuteAsync(
            sql,
            actor,
            command =>
            {
                command.Parameters.AddWithValue("after", afterVersion);
                command.Parameters.AddWithValue("to", toVersion);
                command.Parameters.AddWithValue("limit", limit);
            },
            (command, ct) => ReadMutationSetsAsync(command, actor, ct),
            cancellationToken);
    }

    /// <summary>One set by its checkpoint id: the id's own index (migration 009) finds it, the actor's columns check it.</summary>
    internal const string FindCheckpointSql = $"""
        select {Columns} from actors_journal
        where checkpoint_id = @checkpoint_id and actor_type = @actor_type and actor_id = @actor_id
        limit 1
        """;

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindCheckpointAsync(ActorKey actor, Guid checkpointId, CancellationToken cancellationToken)
    {
        var found = await ExecuteAsync(
            FindCheckpointSql,
            actor,
            command => command.Parameters.AddWithValue("checkpoint_id", checkpointId),
            (command, ct) => ReadMutationSetsAsync(command, actor, ct),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindAtOrBeforeAsync(ActorKey actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {Columns} from actors_journal
            where actor_type = @actor_type and actor_id = @actor_id and ts <= @at
            order by ts desc, version desc
            limit 1
            """;
        var found = await ExecuteAsync(
            sql,
            actor,
            command => command.Parameters.AddWithValue("at", NpgsqlDbType.TimestampTz, Microseconds.Truncate(at)),
            (command, ct) => ReadMutationSetsAsync(command, actor, ct),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<RebuildSource> ReadForRebuildAsync(ActorKey actor, long upToVersion, CancellationToken cancellationToken)
    {
        // One statement, so the snapshot and the sets after it come from one database snapshot: with two, a snapshot
        // committed in between could make the second skip sets the first one's snapshot does not contain.
        return await ExecuteAsync(
            RebuildSql,
            actor,
            command => command.Parameters.AddWithValue("to", upToVersion),
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                SnapshotRecord? snapshot = null;
                var sets = new List<MutationSetRecord>();
                while (await reader.ReadAsync(ct))
                {
                    var set = ReadMutationSet(reader, actor);
                    if (!reader.IsDBNull(9))
                    {
                        snapshot = new SnapshotRecord(actor, set.Version, reader.GetString(9));
                    }

                    sets.Add(set);
                }

                return new RebuildSource(snapshot, sets);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SnapshotRecord?> FindSnapshotAsync(ActorKey actor, long atOrBeforeVersion, CancellationToken cancellationToken)
    {
        const string sql = """
            select version, state from actors_snapshots
            where actor_type = @actor_type and actor_id = @actor_id and version <= @version
            order by version desc
            limit 1
            """;
        return await ExecuteAsync(
            sql,
            actor,
            command => command.Parameters.AddWithValue("version", atOrBeforeVersion),
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct)
                    ? new SnapshotRecord(actor, reader.GetInt64(0), reader.GetString(1))
                    : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> FindIdempotencyAsync(ActorKey actor, string key, CancellationToken cancellationToken)
    {
        const string sql = """
            select request_hash, version, response from actors_idempotency
            where actor_type = @actor_type and actor_id = @actor_id and key = @key
            """;
        return await ExecuteAsync(
            sql,
            actor,
            command => command.Parameters.AddWithValue("key", key),
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct)
                    ? new IdempotencyRecord(key, reader.GetString(0), reader.GetInt64(1), reader.GetString(2))
                    : null;
            },
            cancellationToken);
    }

    private Task<T> ExecuteAsync<T>(
        string sql,
        ActorKey actor,
        Action<NpgsqlCommand> addParameters,
        Func<NpgsqlCommand, CancellationToken, Task<T>> executeAsync,
        CancellationToken cancellationToken) =>
        ExecuteAsync(
            sql,
            command =>
            {
                AddActor(command, actor);
                addParameters(command);
            },
            executeAsync,
            cancellationToken);

    private async Task<T> ExecuteAsync<T>(
        string sql,
        Action<NpgsqlCommand> addParameters,
        Func<NpgsqlCommand, CancellationToken, Task<T>> executeAsync,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            addParameters(command);
            return await executeAsync(command, cancellationToken);
        }
        catch (Exception exception) when (PostgresExceptionTransformer.Transform(exception, appending: null) is { } translated)
        {
            throw translated;
        }
    }

    private static async Task<IReadOnlyList<MutationSetRecord>> ReadMutationSetsAsync(NpgsqlCommand command, ActorKey actor, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sets = new List<MutationSetRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sets.Add(ReadMutationSet(reader, actor));
        }

        return sets;
    }

    /// <summary>The mutation set in the current row, whose columns from <paramref name="firstColumn"/> on are <see cref="Columns"/>.</summary>
    private static MutationSetRecord ReadMutationSet(NpgsqlDataReader reader, ActorKey actor, int firstColumn = 0) => new(
        actor,
        Version: reader.GetInt64(firstColumn),
        CheckpointId: reader.GetGuid(firstColumn + 1),
        Timestamp: reader.GetFieldValue<DateTimeOffset>(firstColumn + 2),
        Principal: reader.GetString(firstColumn + 3),
        Operation: reader.GetString(firstColumn + 4),
        Events: reader.GetString(firstColumn + 5),
        Metadata: reader.GetString(firstColumn + 6),
        Reason: reader.IsDBNull(firstColumn + 7) ? null : reader.GetString(firstColumn + 7),
        GlobalVersion: reader.GetInt64(firstColumn + 8));
}
