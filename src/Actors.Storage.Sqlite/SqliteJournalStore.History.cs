using System.Globalization;
using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore : IHistoryStore
{
    private const string HistoryColumns = """
        actor_type, actor_id, boundary_version, boundary_ts, boundary_gv, earliest_version, earliest_ts, earliest_gv,
        created_ts, created_gv, compacted_at
        """;

    /// <inheritdoc />
    public Task<HistoryBoundary?> GetHistoryBoundaryAsync(ActorKey actor, CancellationToken cancellationToken) =>
        ReadAsync(actor, static (connection, actor, ct) => ReadBoundaryAsync(connection, actor, ct), cancellationToken);

    /// <inheritdoc />
    public async Task<CompactionCandidatePage> ListCompactionCandidatesAsync(
        string actorType, DateTimeOffset before, string? afterId, int limit, CancellationToken cancellationToken)
    {
        var ids = await ListActorIdsAsync(actorType, afterId, limit, cancellationToken);
        if (ids.Count == 0)
        {
            return new CompactionCandidatePage([], afterId, Exhausted: true);
        }

        // Per id, one backward step on (actor_type, actor_id, ts, version): its newest set older than `before`.
        const string sql = """
            select ids.value,
                   (select j.version from journal j
                    where j.actor_type = $actor_type and j.actor_id = ids.value and j.ts < $before
                    order by j.ts desc, j.version desc
                    limit 1) as boundary,
                   coalesce(h.boundary_version, 1)
            from json_each($ids) ids
            left join history h on h.actor_type = $actor_type and h.actor_id = ids.value
            order by ids.key
            """;
        var candidates = await ReadAsync<IReadOnlyList<CompactionCandidate>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$actor_type", actorType);
                command.Parameters.AddWithValue("$before", Microseconds.FromTimestamp(before));
                command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
                await using var reader = await command.ExecuteReaderAsync(ct);
                var found = new List<CompactionCandidate>();
                while (await reader.ReadAsync(ct))
                {
                    if (!reader.IsDBNull(1) && reader.GetInt64(1) > reader.GetInt64(2))
                    {
                        found.Add(new CompactionCandidate(reader.GetString(0), reader.GetInt64(1)));
                    }
                }

                return found;
            },
            cancellationToken);
        return new CompactionCandidatePage(candidates, ids[^1], Exhausted: ids.Count < limit);
    }

    /// <inheritdoc />
    public Task<ArchiveExport> ReadForArchiveAsync(ActorKey actor, long boundaryVersion, CancellationToken cancellationToken) =>
        ReadAsync(
            actor,
            async (connection, actor, ct) =>
            {
                // One read transaction, so the sets and the snapshots come from one state of the file.
                await using var transaction = connection.BeginTransaction(deferred: true);
                var sets = new List<ArchivedSet>();
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = $"""
                        select {Columns} from journal
                        where actor_type = $actor_type and actor_id = $actor_id and version < $boundary
                        order by version
                        """;
                    AddActor(command, actor);
                    command.Parameters.AddWithValue("$boundary", boundaryVersion);
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        var set = ReadMutationSet(reader, actor);
                        sets.Add(new ArchivedSet(set, SqliteCursor.Format(set.GlobalVersion)));
                    }
                }

                var snapshots = new List<SnapshotRecord>();
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = """
                        select version, state from snapshots
                        where actor_type = $actor_type and actor_id = $actor_id and version < $boundary
                        order by version
                        """;
                    AddActor(command, actor);
                    command.Parameters.AddWithValue("$boundary", boundaryVersion);
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        snapshots.Add(new SnapshotRecord(actor, reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                return new ArchiveExport(sets, snapshots);
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<HistoryBoundary> CompactAsync(CompactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BoundaryVersion, 1, nameof(request));
        var actor = request.Actor;
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var transaction = connection.BeginTransaction(deferred: false);
                var current = await ReadBoundaryAsync(connection, actor, cancellationToken);
                var hotFrom = current?.BoundaryVersion ?? 1;
                if (request.BoundaryVersion <= hotFrom)
                {
                    // The boundary only moves forward: this compaction (or a later one) already happened.
                    return current ?? await BoundaryOfUncompactedAsync(connection, actor, cancellationToken);
                }

                var boundary = await FindSetAsync(connection, actor, request.BoundaryVersion, cancellationToken)
                    ?? throw new ArgumentException($"{actor} has no version {request.BoundaryVersion} in the journal to keep as its boundary.", nameof(request));
                var created = current is null
                    ? await FindSetAsync(connection, actor, 1, cancellationToken) ?? throw new InvalidOperationException($"{actor} has no version 1 in the journal.")
                    : null;
                var earliest = current is null ? (created!.Version, created.Timestamp, created.GlobalVersion) : (current.EarliestVersion, current.EarliestTimestamp, current.EarliestGlobalVersion);
                long? prunedGlobalVersion = current is null ? null : await ReadPrunedGlobalVersionAsync(connection, actor, cancellationToken);
                if (request.Archived)
                {
                    var covered = await ScalarAsync(
                        connection,
                        "select coalesce(max(to_version), 0) from archive_index where actor_type = $actor_type and actor_id = $actor_id",
                        actor,
                        cancellationToken);
                    if (covered < request.BoundaryVersion - 1)
                    {
                        throw new InvalidOperationException(
                            $"{actor}: the archive holds versions up to {covered}, so versions below {request.BoundaryVersion} cannot leave the journal.");
                    }
                }
                else
                {
                    // Pruned: nothing below the new boundary stays readable, the archived part included.
                    var newestRemoved = await FindSetAsync(connection, actor, request.BoundaryVersion - 1, cancellationToken);
                    prunedGlobalVersion = newestRemoved?.GlobalVersion ?? prunedGlobalVersion;
                    earliest = (boundary.Version, boundary.Timestamp, boundary.GlobalVersion);
                    await ExecuteAsync(connection, "delete from archive_index where actor_type = $actor_type and actor_id = $actor_id", actor, cancellationToken);
                }

                await InsertSnapshotAsync(connection, new SnapshotRecord(actor, request.BoundaryVersion, request.BoundaryState), cancellationToken);
                await ExecuteAsync(
                    connection,
                    "delete from journal where actor_type = $actor_type and actor_id = $actor_id and version < $boundary",
                    actor,
                    cancellationToken,
                    request.BoundaryVersion);
                await ExecuteAsync(
                    connection,
                    "delete from snapshots where actor_type = $actor_type and actor_id = $actor_id and version < $boundary",
                    actor,
                    cancellationToken,
                    request.BoundaryVersion);

                var compacted = new HistoryBoundary(
                    actor,
                    boundary.Version, boundary.Timestamp, boundary.GlobalVersion,
                    earliest.Item1, earliest.Item2, earliest.Item3,
                    current?.CreatedTimestamp ?? created!.Timestamp, current?.CreatedGlobalVersion ?? created!.GlobalVersion,
                    Microseconds.Truncate(DateTimeOffset.UtcNow));
                await UpsertBoundaryAsync(connection, compacted, prunedGlobalVersion, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return compacted;
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception exception) when (SqliteErrors.Transform(exception, appending: null) is { } translated)
        {
            throw translated;
        }
    }

    /// <inheritdoc />
    public Task<int> ExpireIdempotencyAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return WriteAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    delete from idempotency where (actor_type, actor_id, key) in (
                        select actor_type, actor_id, key from idempotency where created_at < $before order by created_at limit $limit)
                    """;
                command.Parameters.AddWithValue("$before", Microseconds.FromTimestamp(createdBefore));
                command.Parameters.AddWithValue("$limit", limit);
                return await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordArchiveFileAsync(ArchiveFile file, IReadOnlyList<ArchiveIndexEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(entries);
        return WriteAsync(
            async (connection, ct) =>
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = """
                        insert into archive_files (path, actor_type, period, sets, snapshots, min_ts, max_ts, max_gv, max_cursor, sha256, created_at)
                        values ($path, $actor_type, $period, $sets, $snapshots, $min_ts, $max_ts, $max_gv, $max_cursor, $sha256, $created_at)
                        on conflict (path) do nothing
                        """;
                    command.Parameters.AddWithValue("$path", file.Path);
                    command.Parameters.AddWithValue("$actor_type", file.ActorType);
                    command.Parameters.AddWithValue("$period", file.Period);
                    command.Parameters.AddWithValue("$sets", file.Sets);
                    command.Parameters.AddWithValue("$snapshots", file.Snapshots);
                    command.Parameters.AddWithValue("$min_ts", Microseconds.FromTimestamp(file.MinTimestamp));
                    command.Parameters.AddWithValue("$max_ts", Microseconds.FromTimestamp(file.MaxTimestamp));
                    command.Parameters.AddWithValue("$max_gv", file.MaxGlobalVersion);
                    command.Parameters.AddWithValue("$max_cursor", file.MaxCursor);
                    command.Parameters.AddWithValue("$sha256", file.Sha256);
                    command.Parameters.AddWithValue("$created_at", Microseconds.FromTimestamp(file.CreatedAt));
                    await command.ExecuteNonQueryAsync(ct);
                }

                foreach (var entry in entries)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = """
                        insert into archive_index (actor_type, actor_id, from_version, to_version, file, row_group)
                        values ($actor_type, $actor_id, $from, $to, $file, $row_group)
                        on conflict (actor_type, actor_id, from_version, file) do nothing
                        """;
                    AddActor(command, entry.Actor);
                    command.Parameters.AddWithValue("$from", entry.FromVersion);
                    command.Parameters.AddWithValue("$to", entry.ToVersion);
                    command.Parameters.AddWithValue("$file", entry.File);
                    command.Parameters.AddWithValue("$row_group", entry.RowGroup);
                    await command.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
                return entries.Count;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ArchiveIndexEntry>> ReadArchiveIndexAsync(ActorKey actor, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ArchiveIndexEntry>>(
            actor,
            async (connection, actor, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    select from_version, to_version, file, row_group from archive_index
                    where actor_type = $actor_type and actor_id = $actor_id
                    order by from_version, file
                    """;
                AddActor(command, actor);
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
        ReadAsync<IReadOnlyList<ArchiveFile>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    select path, actor_type, period, sets, snapshots, min_ts, max_ts, max_gv, max_cursor, sha256, created_at
                    from archive_files
                    {(actorType is null ? "" : "where actor_type = $actor_type")}
                    order by created_at, path
                    """;
                AddIfGiven(command, "$actor_type", actorType);
                await using var reader = await command.ExecuteReaderAsync(ct);
                var files = new List<ArchiveFile>();
                while (await reader.ReadAsync(ct))
                {
                    files.Add(new ArchiveFile(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                        Microseconds.ToTimestamp(reader.GetInt64(5)), Microseconds.ToTimestamp(reader.GetInt64(6)), reader.GetInt64(7),
                        reader.GetString(8), reader.GetString(9), Microseconds.ToTimestamp(reader.GetInt64(10))));
                }

                return files;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<HistoryBoundary?> FindPrunedInRangeAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cursor = query.Cursor is null ? (long?)null : SqliteCursor.Parse(query.Cursor);

        // Pruned sets are those of versions below earliest_version: committed from created_ts until before earliest_ts,
        // the newest of them at pruned_gv. Their event types and principals are unknown now, so those filters cannot rule
        // them out.
        var conditions = new List<string> { "earliest_version > 1", "pruned_gv is not null" };
        AddFilter(conditions, cursor, "pruned_gv > $cursor");
        AddFilter(conditions, query.ActorType, "actor_type = $actor_type");
        AddFilter(conditions, query.ActorId, "actor_id = $actor_id");
        AddFilter(conditions, query.After, "earliest_ts > $after");
        AddFilter(conditions, query.Before, "created_ts < $before");
        var sql = $"""
            select {HistoryColumns} from history
            {Where(conditions)}
            order by earliest_ts desc
            limit 1
            """;
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                AddIfGiven(command, "$cursor", cursor);
                AddFilterParameters(command, query.ActorType, query.ActorId, principal: null, query.After, query.Before);
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? ReadBoundary(reader) : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public int CompareEventCursors(string left, string right) => SqliteCursor.Parse(left).CompareTo(SqliteCursor.Parse(right));

    private static async Task<HistoryBoundary?> ReadBoundaryAsync(SqliteConnection connection, ActorKey actor, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"select {HistoryColumns} from history where actor_type = $actor_type and actor_id = $actor_id";
        AddActor(command, actor);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadBoundary(reader) : null;
    }

    private static HistoryBoundary ReadBoundary(SqliteDataReader reader) => new(
        new ActorKey(reader.GetString(0), reader.GetString(1)),
        reader.GetInt64(2), Microseconds.ToTimestamp(reader.GetInt64(3)), reader.GetInt64(4),
        reader.GetInt64(5), Microseconds.ToTimestamp(reader.GetInt64(6)), reader.GetInt64(7),
        Microseconds.ToTimestamp(reader.GetInt64(8)), reader.GetInt64(9),
        Microseconds.ToTimestamp(reader.GetInt64(10)));

    /// <summary>What a compaction at or below version 1 answers for an actor never compacted: everything is in the journal.</summary>
    private static async Task<HistoryBoundary> BoundaryOfUncompactedAsync(SqliteConnection connection, ActorKey actor, CancellationToken cancellationToken)
    {
        var first = await FindSetAsync(connection, actor, 1, cancellationToken)
            ?? throw new ArgumentException($"{actor} has no version in the journal.", nameof(actor));
        return new HistoryBoundary(
            actor, 1, first.Timestamp, first.GlobalVersion, 1, first.Timestamp, first.GlobalVersion, first.Timestamp, first.GlobalVersion, first.Timestamp);
    }

    private static async Task<long?> ReadPrunedGlobalVersionAsync(SqliteConnection connection, ActorKey actor, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select pruned_gv from history where actor_type = $actor_type and actor_id = $actor_id";
        AddActor(command, actor);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    private static async Task UpsertBoundaryAsync(SqliteConnection connection, HistoryBoundary boundary, long? prunedGlobalVersion, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            insert into history ({HistoryColumns}, pruned_gv)
            values ($actor_type, $actor_id, $boundary_version, $boundary_ts, $boundary_gv, $earliest_version, $earliest_ts, $earliest_gv,
                    $created_ts, $created_gv, $compacted_at, $pruned_gv)
            on conflict (actor_type, actor_id) do update set
                boundary_version = excluded.boundary_version, boundary_ts = excluded.boundary_ts, boundary_gv = excluded.boundary_gv,
                earliest_version = excluded.earliest_version, earliest_ts = excluded.earliest_ts, earliest_gv = excluded.earliest_gv,
                compacted_at = excluded.compacted_at, pruned_gv = excluded.pruned_gv
            """;
        AddActor(command, boundary.Actor);
        command.Parameters.AddWithValue("$boundary_version", boundary.BoundaryVersion);
        command.Parameters.AddWithValue("$boundary_ts", Microseconds.FromTimestamp(boundary.BoundaryTimestamp));
        command.Parameters.AddWithValue("$boundary_gv", boundary.BoundaryGlobalVersion);
        command.Parameters.AddWithValue("$earliest_version", boundary.EarliestVersion);
        command.Parameters.AddWithValue("$earliest_ts", Microseconds.FromTimestamp(boundary.EarliestTimestamp));
        command.Parameters.AddWithValue("$earliest_gv", boundary.EarliestGlobalVersion);
        command.Parameters.AddWithValue("$created_ts", Microseconds.FromTimestamp(boundary.CreatedTimestamp));
        command.Parameters.AddWithValue("$created_gv", boundary.CreatedGlobalVersion);
        command.Parameters.AddWithValue("$compacted_at", Microseconds.FromTimestamp(boundary.CompactedAt));
        command.Parameters.AddWithValue("$pruned_gv", (object?)prunedGlobalVersion ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<MutationSetRecord?> FindSetAsync(SqliteConnection connection, ActorKey actor, long version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"select {Columns} from journal where actor_type = $actor_type and actor_id = $actor_id and version = $version";
        AddActor(command, actor);
        command.Parameters.AddWithValue("$version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadMutationSet(reader, actor) : null;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, ActorKey actor, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddActor(command, actor);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, ActorKey actor, CancellationToken cancellationToken, long? boundary = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddActor(command, actor);
        if (boundary is { } version)
        {
            command.Parameters.AddWithValue("$boundary", version);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
