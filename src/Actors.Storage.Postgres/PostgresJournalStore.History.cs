using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore : IHistoryStore
{
    private const string HistoryColumns = """
        actor_type, actor_id, boundary_version, boundary_ts, boundary_gv, earliest_version, earliest_ts, earliest_gv,
        created_ts, created_gv, compacted_at
        """;

    /// <summary>Serializes compactions of one actor (two jobs may reach it at once); appends do not take it.</summary>
    private const string LockActorSql = "select pg_advisory_xact_lock(hashtextextended(@actor_type || '/' || @actor_id, 6))";

    /// <inheritdoc />
    public Task<HistoryBoundary?> GetHistoryBoundaryAsync(ActorKey actor, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"select {HistoryColumns} from actors_history where actor_type = @actor_type and actor_id = @actor_id",
            actor,
            static _ => { },
            static async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? ReadBoundary(reader) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<CompactionCandidatePage> ListCompactionCandidatesAsync(
        string actorType, DateTimeOffset before, string? afterId, int limit, CancellationToken cancellationToken)
    {
        var ids = await ListActorIdsAsync(actorType, afterId, limit, cancellationToken);
        if (ids.Count == 0)
        {
            return new CompactionCandidatePage([], afterId, Exhausted: true);
        }

        // Per id, one backward step on actors_journal_ts_idx: its newest set older than `before`.
        const string sql = """
            select i.actor_id, b.version, coalesce(h.boundary_version, 1)
            from unnest(@ids::text[]) with ordinality as i(actor_id, ordinal)
            cross join lateral (
                select j.version from actors_journal j
                where j.actor_type = @actor_type and j.actor_id = i.actor_id and j.ts < @before
                order by j.ts desc, j.version desc
                limit 1) b
            left join actors_history h on h.actor_type = @actor_type and h.actor_id = i.actor_id
            where b.version > coalesce(h.boundary_version, 1)
            order by i.ordinal
            """;
        var candidates = await ExecuteAsync<IReadOnlyList<CompactionCandidate>>(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("ids", ids.ToArray());
                command.Parameters.AddWithValue("actor_type", actorType);
                command.Parameters.AddWithValue("before", NpgsqlDbType.TimestampTz, Microseconds.Truncate(before));
            },
            static async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                var found = new List<CompactionCandidate>();
                while (await reader.ReadAsync(ct))
                {
                    found.Add(new CompactionCandidate(reader.GetString(0), reader.GetInt64(1)));
                }

                return found;
            },
            cancellationToken);
        return new CompactionCandidatePage(candidates, ids[^1], Exhausted: ids.Count < limit);
    }

    /// <inheritdoc />
    public Task<ArchiveExport> ReadForArchiveAsync(ActorKey actor, long boundaryVersion, CancellationToken cancellationToken) =>
        RunInTransactionAsync(
            async (connection, transaction, ct) =>
            {
                var sets = new List<ArchivedSet>();
                await using (var command = new NpgsqlCommand(
                    $"""
                    select {Columns}, tx from actors_journal
                    where actor_type = @actor_type and actor_id = @actor_id and version < @boundary
                    order by version
                    """,
                    connection,
                    transaction))
                {
                    AddActor(command, actor);
                    command.Parameters.AddWithValue("boundary", boundaryVersion);
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        var set = ReadMutationSet(reader, actor);
                        sets.Add(new ArchivedSet(set, PostgresCursor.FormatEvent(reader.GetFieldValue<ulong>(9), set.GlobalVersion)));
                    }
                }

                var snapshots = new List<SnapshotRecord>();
                await using (var command = new NpgsqlCommand(
                    """
                    select version, state from actors_snapshots
                    where actor_type = @actor_type and actor_id = @actor_id and version < @boundary
                    order by version
                    """,
                    connection,
                    transaction))
                {
                    AddActor(command, actor);
                    command.Parameters.AddWithValue("boundary", boundaryVersion);
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        snapshots.Add(new SnapshotRecord(actor, reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                return new ArchiveExport(sets, snapshots);
            },
            isolation: System.Data.IsolationLevel.RepeatableRead,
            cancellationToken);

    /// <inheritdoc />
    public Task<HistoryBoundary> CompactAsync(CompactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BoundaryVersion, 1, nameof(request));
        var actor = request.Actor;
        return RunInTransactionAsync(
            async (connection, transaction, ct) =>
            {
                await ExecuteAsync(connection, transaction, LockActorSql, actor, null, ct);
                var current = await ReadBoundaryAsync(connection, transaction, actor, ct);
                var hotFrom = current?.BoundaryVersion ?? 1;
                if (request.BoundaryVersion <= hotFrom)
                {
                    // The boundary only moves forward: this compaction (or a later one) already happened.
                    return current ?? await BoundaryOfUncompactedAsync(connection, transaction, actor, ct);
                }

                var boundary = await FindSetAsync(connection, transaction, actor, request.BoundaryVersion, ct)
                    ?? throw new ArgumentException($"{actor} has no version {request.BoundaryVersion} in the journal to keep as its boundary.", nameof(request));
                var created = current is null
                    ? (await FindSetAsync(connection, transaction, actor, 1, ct) ?? throw new InvalidOperationException($"{actor} has no version 1 in the journal.")).Set
                    : null;
                var earliest = current is null
                    ? (created!.Version, created.Timestamp, created.GlobalVersion)
                    : (current.EarliestVersion, current.EarliestTimestamp, current.EarliestGlobalVersion);
                bool pruning;
                if (request.Archived)
                {
                    await using var covered = new NpgsqlCommand(
                        "select coalesce(max(to_version), 0) from actors_archive_index where actor_type = @actor_type and actor_id = @actor_id",
                        connection,
                        transaction);
                    AddActor(covered, actor);
                    var upTo = (long)(await covered.ExecuteScalarAsync(ct))!;
                    if (upTo < request.BoundaryVersion - 1)
                    {
                        throw new InvalidOperationException(
                            $"{actor}: the archive holds versions up to {upTo}, so versions below {request.BoundaryVersion} cannot leave the journal.");
                    }

                    pruning = false;
                }
                else
                {
                    // Pruned: nothing below the new boundary stays readable, the archived part included.
                    earliest = (boundary.Set.Version, boundary.Set.Timestamp, boundary.Set.GlobalVersion);
                    await ExecuteAsync(connection, transaction, "delete from actors_archive_index where actor_type = @actor_type and actor_id = @actor_id", actor, null, ct);
                    pruning = true;
                }

                var newestRemoved = pruning ? await FindSetAsync(connection, transaction, actor, request.BoundaryVersion - 1, ct) : default;
                await using (var snapshot = new NpgsqlCommand(
                    """
                    insert into actors_snapshots (actor_type, actor_id, version, state) values (@actor_type, @actor_id, @boundary, @state)
                    on conflict (actor_type, actor_id, version) do nothing
                    """,
                    connection,
                    transaction))
                {
                    AddActor(snapshot, actor);
                    snapshot.Parameters.AddWithValue("boundary", request.BoundaryVersion);
                    snapshot.Parameters.AddWithValue("state", NpgsqlDbType.Jsonb, request.BoundaryState);
                    await snapshot.ExecuteNonQueryAsync(ct);
                }

                await ExecuteAsync(connection, transaction, "delete from actors_journal where actor_type = @actor_type and actor_id = @actor_id and version < @boundary", actor, request.BoundaryVersion, ct);
                await ExecuteAsync(connection, transaction, "delete from actors_snapshots where actor_type = @actor_type and actor_id = @actor_id and version < @boundary", actor, request.BoundaryVersion, ct);

                await using var upsert = new NpgsqlCommand(
                    $"""
                    insert into actors_history ({HistoryColumns}, pruned_tx, pruned_gv)
                    values (@actor_type, @actor_id, @boundary_version, @boundary_ts, @boundary_gv, @earliest_version, @earliest_ts, @earliest_gv,
                            @created_ts, @created_gv, now(), @pruned_tx, @pruned_gv)
                    on conflict (actor_type, actor_id) do update set
                        boundary_version = excluded.boundary_version, boundary_ts = excluded.boundary_ts, boundary_gv = excluded.boundary_gv,
                        earliest_version = excluded.earliest_version, earliest_ts = excluded.earliest_ts, earliest_gv = excluded.earliest_gv,
                        compacted_at = excluded.compacted_at,
                        pruned_tx = coalesce(excluded.pruned_tx, actors_history.pruned_tx),
                        pruned_gv = coalesce(excluded.pruned_gv, actors_history.pruned_gv)
                    returning {HistoryColumns}
                    """,
                    connection,
                    transaction);
                AddActor(upsert, actor);
                upsert.Parameters.AddWithValue("boundary_version", boundary.Set.Version);
                upsert.Parameters.AddWithValue("boundary_ts", NpgsqlDbType.TimestampTz, boundary.Set.Timestamp);
                upsert.Parameters.AddWithValue("boundary_gv", boundary.Set.GlobalVersion);
                upsert.Parameters.AddWithValue("earliest_version", earliest.Item1);
                upsert.Parameters.AddWithValue("earliest_ts", NpgsqlDbType.TimestampTz, earliest.Item2);
                upsert.Parameters.AddWithValue("earliest_gv", earliest.Item3);
                upsert.Parameters.AddWithValue("created_ts", NpgsqlDbType.TimestampTz, current?.CreatedTimestamp ?? created!.Timestamp);
                upsert.Parameters.AddWithValue("created_gv", current?.CreatedGlobalVersion ?? created!.GlobalVersion);
                upsert.Parameters.AddWithValue("pruned_tx", NpgsqlDbType.Xid8, (object?)newestRemoved?.Tx ?? DBNull.Value);
                upsert.Parameters.AddWithValue("pruned_gv", NpgsqlDbType.Bigint, (object?)newestRemoved?.Set.GlobalVersion ?? DBNull.Value);
                await using var reader = await upsert.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                return ReadBoundary(reader);
            },
            System.Data.IsolationLevel.ReadCommitted,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ExpireIdempotencyAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        const string sql = """
            delete from actors_idempotency where ctid in (
                select ctid from actors_idempotency where created_at < @before order by created_at limit @limit)
            """;
        return ExecuteAsync(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("before", NpgsqlDbType.TimestampTz, Microseconds.Truncate(createdBefore));
                command.Parameters.AddWithValue("limit", limit);
            },
            static (command, ct) => command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordArchiveFileAsync(ArchiveFile file, IReadOnlyList<ArchiveIndexEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(entries);
        const string sql = """
            with file as (
                insert into actors_archive_files (path, actor_type, period, sets, snapshots, min_ts, max_ts, max_gv, max_cursor, sha256, created_at)
                values (@path, @actor_type, @period, @sets, @snapshots, @min_ts, @max_ts, @max_gv, @max_cursor, @sha256, @created_at)
                on conflict (path) do nothing
            )
            insert into actors_archive_index (actor_type, actor_id, from_version, to_version, file, row_group)
            select @actor_type, e.actor_id, e.from_version, e.to_version, @path, e.row_group
            from unnest(@actor_ids::text[], @from_versions::bigint[], @to_versions::bigint[], @row_groups::integer[])
                as e(actor_id, from_version, to_version, row_group)
            on conflict (actor_type, actor_id, from_version, file) do nothing
            """;
        return ExecuteAsync(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("path", file.Path);
                command.Parameters.AddWithValue("actor_type", file.ActorType);
                command.Parameters.AddWithValue("period", file.Period);
                command.Parameters.AddWithValue("sets", file.Sets);
                command.Parameters.AddWithValue("snapshots", file.Snapshots);
                command.Parameters.AddWithValue("min_ts", NpgsqlDbType.TimestampTz, file.MinTimestamp);
                command.Parameters.AddWithValue("max_ts", NpgsqlDbType.TimestampTz, file.MaxTimestamp);
                command.Parameters.AddWithValue("max_gv", file.MaxGlobalVersion);
                command.Parameters.AddWithValue("max_cursor", file.MaxCursor);
                command.Parameters.AddWithValue("sha256", file.Sha256);
                command.Parameters.AddWithValue("created_at", NpgsqlDbType.TimestampTz, Microseconds.Truncate(file.CreatedAt));
                command.Parameters.AddWithValue("actor_ids", entries.Select(e => e.Actor.Id).ToArray());
                command.Parameters.AddWithValue("from_versions", entries.Select(e => e.FromVersion).ToArray());
                command.Parameters.AddWithValue("to_versions", entries.Select(e => e.ToVersion).ToArray());
                command.Parameters.AddWithValue("row_groups", entries.Select(e => e.RowGroup).ToArray());
            },
            static (command, ct) => command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ArchiveIndexEntry>> ReadArchiveIndexAsync(ActorKey actor, CancellationToken cancellationToken) =>
        ExecuteAsync<IReadOnlyList<ArchiveIndexEntry>>(
            """
            select from_version, to_version, file, row_group from actors_archive_index
            where actor_type = @actor_type and actor_id = @actor_id
            order by from_version, file
            """,
            actor,
            static _ => { },
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                var entries = new List<ArchiveIndexEntry>();
                while (await reader.ReadAsync(ct))
                {
                    entries.Add(new ArchiveIndexEntry(actor, reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3)));
                }

                return entries;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ArchiveFile>> ListArchiveFilesAsync(string? actorType, CancellationToken cancellationToken) =>
        ExecuteAsync<IReadOnlyList<ArchiveFile>>(
            $"""
            select path, actor_type, period, sets, snapshots, min_ts, max_ts, max_gv, max_cursor, sha256, created_at
            from actors_archive_files
            {(actorType is null ? "" : "where actor_type = @actor_type")}
            order by created_at, path
            """,
            command => AddIfGiven(command, "actor_type", actorType),
            static async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                var files = new List<ArchiveFile>();
                while (await reader.ReadAsync(ct))
                {
                    files.Add(new ArchiveFile(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                        reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt64(7),
                        reader.GetString(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10)));
                }

                return files;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<HistoryBoundary?> FindPrunedInRangeAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cursor = query.Cursor is null ? ((ulong, long)?)null : PostgresCursor.ParseEvent(query.Cursor);

        // Pruned sets are those of versions below earliest_version: committed from created_ts until before earliest_ts, the
        // newest of them at (pruned_tx, pruned_gv). Their event types and principals are unknown now, so those filters
        // cannot rule them out.
        var conditions = new List<string> { "earliest_version > 1", "pruned_gv is not null" };
        if (cursor is not null)
        {
            conditions.Add("(pruned_tx, pruned_gv) > (@cursor_tx, @cursor_global_version)");
        }

        AddFilter(conditions, query.ActorType, "actor_type = @actor_type");
        AddFilter(conditions, query.ActorId, "actor_id = @actor_id");
        AddFilter(conditions, query.After, "earliest_ts > @after");
        AddFilter(conditions, query.Before, "created_ts < @before");
        var sql = $"""
            select {HistoryColumns} from actors_history
            where {string.Join(" and ", conditions)}
            order by earliest_ts desc
            limit 1
            """;
        return ExecuteAsync(
            sql,
            command =>
            {
                if (cursor is var (tx, globalVersion))
                {
                    command.Parameters.AddWithValue("cursor_tx", NpgsqlDbType.Xid8, tx);
                    command.Parameters.AddWithValue("cursor_global_version", globalVersion);
                }

                AddFilterParameters(command, eventType: null, query.ActorType, query.ActorId, principal: null, query.After, query.Before);
            },
            static async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? ReadBoundary(reader) : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public int CompareEventCursors(string left, string right) => PostgresCursor.ParseEvent(left).CompareTo(PostgresCursor.ParseEvent(right));

    private static HistoryBoundary ReadBoundary(NpgsqlDataReader reader) => new(
        new ActorKey(reader.GetString(0), reader.GetString(1)),
        reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4),
        reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt64(7),
        reader.GetFieldValue<DateTimeOffset>(8), reader.GetInt64(9),
        reader.GetFieldValue<DateTimeOffset>(10));

    private static async Task<HistoryBoundary?> ReadBoundaryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ActorKey actor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select {HistoryColumns} from actors_history where actor_type = @actor_type and actor_id = @actor_id", connection, transaction);
        AddActor(command, actor);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadBoundary(reader) : null;
    }

    /// <summary>What a compaction at or below version 1 answers for an actor never compacted: everything is in the journal.</summary>
    private static async Task<HistoryBoundary> BoundaryOfUncompactedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ActorKey actor, CancellationToken cancellationToken)
    {
        var first = (await FindSetAsync(connection, transaction, actor, 1, cancellationToken))?.Set
            ?? throw new ArgumentException($"{actor} has no version in the journal.", nameof(actor));
        return new HistoryBoundary(
            actor, 1, first.Timestamp, first.GlobalVersion, 1, first.Timestamp, first.GlobalVersion, first.Timestamp, first.GlobalVersion, first.Timestamp);
    }

    private static async Task<(MutationSetRecord Set, ulong Tx)?> FindSetAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ActorKey actor, long version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns}, tx from actors_journal where actor_type = @actor_type and actor_id = @actor_id and version = @version",
            connection,
            transaction);
        AddActor(command, actor);
        command.Parameters.AddWithValue("version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (ReadMutationSet(reader, actor), reader.GetFieldValue<ulong>(9)) : null;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, ActorKey actor, long? boundary, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        AddActor(command, actor);
        if (boundary is { } version)
        {
            command.Parameters.AddWithValue("boundary", version);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<T> RunInTransactionAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> runAsync,
        System.Data.IsolationLevel isolation,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
            var result = await runAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (Exception exception) when (PostgresExceptionTransformer.Transform(exception, appending: null) is { } translated)
        {
            throw translated;
        }
    }
}
