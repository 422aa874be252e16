using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore
{
    // The group's mutation sets arrive as parallel arrays, one element per set, and are written by one statement (one
    // implicit transaction, one WAL flush). A set whose previous version is missing, or whose version another writer
    // took, is skipped (on conflict do nothing) rather than failing the statement; it is not in "written", and the caller
    // retries it alone. Snapshot, idempotency and audit rows go in only for written sets. A clash that cannot be skipped
    // (an idempotency key another silo just used, a deadlock between two silos' groups) fails the whole statement, and
    // then every set of the group is retried alone: nothing of the group was committed.
    internal const string AppendGroupSql = """
        with input as (
            select * from unnest(
                @actor_type::text[], @actor_id::text[], @version::bigint[], @checkpoint_id::uuid[], @ts::timestamptz[],
                @principal::text[], @operation::text[], @metadata::jsonb[], @reason::text[], @events::jsonb[],
                @snapshot_version::bigint[], @snapshot_state::jsonb[],
                @idempotency_key::text[], @request_hash::text[], @idempotency_version::bigint[], @response::text[],
                @audit_id::uuid[], @audit_ts::timestamptz[], @audit_principal::text[], @audit_operation::text[],
                @audit_actor_type::text[], @audit_actor_id::text[], @audit_target::jsonb[], @audit_reason::text[],
                @data_key_id::uuid[])
            with ordinality as i(
                actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, reason, events,
                snapshot_version, snapshot_state, idempotency_key, request_hash, idempotency_version, response,
                audit_id, audit_ts, audit_principal, audit_operation, audit_actor_type, audit_actor_id, audit_target, audit_reason,
                data_key_id, ordinal)
        ), appended as (
            insert into actors_journal
                (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, reason, events)
            select i.actor_type, i.actor_id, i.version, i.checkpoint_id, i.ts, i.principal, i.operation, i.metadata, i.reason, i.events
            from input i
            -- The previous version as in AppendSql: the newest row below it, one backward step on the primary key, once
            -- per set (a lateral subquery with a limit cannot be turned into a join that hashes the journal).
            left join lateral (
                select j.version from actors_journal j
                where i.version > 1 and j.actor_type = i.actor_type and j.actor_id = i.actor_id and j.version < i.version
                order by j.version desc
                limit 1) previous on true
            where ((i.version = 1 and not exists (
                    select from actors_history h where h.actor_type = i.actor_type and h.actor_id = i.actor_id))
                or previous.version = i.version - 1)
              -- As in AppendSql: a set sealed with a destroyed data key is not written (and is retried alone, which says so).
              and (i.data_key_id is null or exists (select from actors_keys k where k.key_id = i.data_key_id))
            order by i.ordinal
            on conflict (actor_type, actor_id, version) do nothing
            returning actor_type, actor_id, version, checkpoint_id, global_version
        ), written as (
            -- The checkpoint id tells this group's row from another writer's row of the same version.
            select i.*, a.global_version
            from input i
            join appended a using (actor_type, actor_id, version, checkpoint_id)
        ), snapshot as (
            insert into actors_snapshots (actor_type, actor_id, version, state)
            select actor_type, actor_id, snapshot_version, snapshot_state from written
            where snapshot_version is not null
            on conflict (actor_type, actor_id, version) do nothing
        ), idempotency as (
            insert into actors_idempotency (actor_type, actor_id, key, request_hash, version, response)
            select actor_type, actor_id, idempotency_key, request_hash, idempotency_version, response from written
            where idempotency_key is not null
        ), audit as (
            insert into actors_audit (audit_id, ts, principal, operation, actor_type, actor_id, target, reason)
            select audit_id, audit_ts, audit_principal, audit_operation, audit_actor_type, audit_actor_id, audit_target, audit_reason
            from written
            where audit_id is not null
            order by ordinal
            on conflict (audit_id) do nothing
        )
        select ordinal, global_version from written
        """;

    private const string AuditGroupSql = """
        insert into actors_audit (audit_id, ts, principal, operation, actor_type, actor_id, target, reason)
        select audit_id, audit_ts, audit_principal, audit_operation, audit_actor_type, audit_actor_id, audit_target, audit_reason
        from unnest(
            @audit_id::uuid[], @audit_ts::timestamptz[], @audit_principal::text[], @audit_operation::text[],
            @audit_actor_type::text[], @audit_actor_id::text[], @audit_target::jsonb[], @audit_reason::text[])
            with ordinality as i(audit_id, audit_ts, audit_principal, audit_operation, audit_actor_type, audit_actor_id, audit_target, audit_reason, ordinal)
        order by ordinal
        on conflict (audit_id) do nothing
        """;

    // Catch-up reads of many actors in one query: one range scan of the primary key per actor, rows tagged with the
    // caller's position. Written as a lateral subquery in version order for the reason given at AppendSql: a plain join
    // was planned, on a journal without statistics, as a hash join over the whole journal or on an index holding every
    // row of the actor. "offset 0" keeps the subquery from being flattened back into such a join.
    internal const string TailGroupSql = $"""
        select i.ordinal, {JournalColumns}
        from unnest(@actor_type::text[], @actor_id::text[], @after::bigint[]) with ordinality as i(actor_type, actor_id, after, ordinal)
        cross join lateral (
            select {Columns} from actors_journal
            where actor_type = i.actor_type and actor_id = i.actor_id and version > i.after
            order by version
            offset 0) j
        order by i.ordinal, j.version
        """;

    /// <inheritdoc />
    public Task<IReadOnlyList<MutationSetRecord>> ReadTailAsync(ActorKey actor, long afterVersion, CancellationToken cancellationToken) =>
        _tails is null
            ? ReadAsync(actor, afterVersion, long.MaxValue, int.MaxValue, cancellationToken)
            : _tails.RunAsync((actor, afterVersion));

    private async Task ReadTailGroupAsync(IReadOnlyList<Pending<(ActorKey Actor, long After), IReadOnlyList<MutationSetRecord>>> group)
    {
        PostgresJournalTelemetry.GroupSize.Record(group.Count, new KeyValuePair<string, object?>("kind", "catch-up read"));
        try
        {
            var tails = group.Select(_ => new List<MutationSetRecord>()).ToArray();
            await using var command = _dataSource.CreateCommand(TailGroupSql);
            AddTailGroupParameters(command, [.. group.Select(p => p.Request)]);
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    var index = (int)reader.GetInt64(0) - 1;
                    tails[index].Add(ReadMutationSet(reader, group[index].Request.Actor, firstColumn: 1));
                }
            }

            for (var i = 0; i < group.Count; i++)
            {
                group[i].Succeed(tails[i]);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in group)
            {
                pending.Fail(PostgresExceptionTransformer.Transform(exception, appending: null) ?? exception);
            }
        }
    }

    private async Task CommitAppendGroupAsync(IReadOnlyList<Pending<AppendRequest, long>> group)
    {
        PostgresJournalTelemetry.GroupSize.Record(group.Count, new KeyValuePair<string, object?>("kind", "append"));
        if (group.Count == 1)
        {
            await AppendAloneAsync(group[0]);
            return;
        }

        IReadOnlyList<Pending<AppendRequest, long>> leftOver;
        try
        {
            var written = await AppendGroupAsync(group);
            var left = new List<Pending<AppendRequest, long>>();
            for (var i = 0; i < group.Count; i++)
            {
                if (written.TryGetValue(i + 1, out var globalVersion))
                {
                    group[i].Succeed(globalVersion);
                }
                else
                {
                    left.Add(group[i]);
                }
            }

            leftOver = left;
        }
        catch (PostgresException exception) when (exception.SqlState is "23505" or "40P01" or "40001")
        {
            // The statement failed as a whole, so nothing of the group committed.
            leftOver = group;
        }
        catch (Exception exception)
        {
            // An outage, or a connection lost before the answer: whether the group committed is unknown, so no set is retried;
            // each caller gets the outage and reads the journal again before its next turn.
            foreach (var pending in group)
            {
                pending.Fail(PostgresExceptionTransformer.Transform(exception, pending.Request.MutationSet) ?? exception);
            }

            return;
        }

        // Sets the group could not write, each alone: its own conflict or gap, or its success once the clash is gone.
        await Task.WhenAll(leftOver.Select(AppendAloneAsync));
    }

    private async Task AppendAloneAsync(Pending<AppendRequest, long> pending)
    {
        try
        {
            pending.Succeed(await AppendOneAsync(pending.Request, CancellationToken.None));
        }
        catch (Exception exception)
        {
            pending.Fail(exception);
        }
    }

    /// <summary>Writes the group in one statement; returns the global version of each written set by its 1-based position.</summary>
    private async Task<Dictionary<long, long>> AppendGroupAsync(IReadOnlyList<Pending<AppendRequest, long>> group)
    {
        await using var command = _dataSource.CreateCommand(AppendGroupSql);
        AddAppendGroupParameters(command, [.. group.Select(p => p.Request)]);

        var written = new Dictionary<long, long>(group.Count);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            written[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return written;
    }

    /// <summary>The parameters of <see cref="AppendGroupSql"/>: arrays with one element per request.</summary>
    internal static void AddAppendGroupParameters(NpgsqlCommand command, IReadOnlyList<AppendRequest> requests)
    {
        var sets = requests.Select(r => r.MutationSet).ToArray();
        var parameters = command.Parameters;
        parameters.AddWithValue("actor_type", sets.Select(s => s.Actor.Type).ToArray());
        parameters.AddWithValue("actor_id", sets.Select(s => s.Actor.Id).ToArray());
        parameters.AddWithValue("version", sets.Select(s => s.Version).ToArray());
        parameters.AddWithValue("checkpoint_id", sets.Select(s => s.CheckpointId).ToArray());
        parameters.AddWithValue("ts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, sets.Select(s => Microseconds.Truncate(s.Timestamp)).ToArray());
        parameters.AddWithValue("principal", sets.Select(s => s.Principal).ToArray());
        parameters.AddWithValue("operation", sets.Select(s => s.Operation).ToArray());
        parameters.AddWithValue("metadata", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, sets.Select(s => s.Metadata).ToArray());
        parameters.AddWithValue("reason", NpgsqlDbType.Array | NpgsqlDbType.Text, sets.Select(s => s.Reason).ToArray());
        parameters.AddWithValue("events", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, sets.Select(s => s.Events).ToArray());
        parameters.AddWithValue("snapshot_version", NpgsqlDbType.Array | NpgsqlDbType.Bigint, requests.Select(r => r.Snapshot?.Version).ToArray());
        parameters.AddWithValue("snapshot_state", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, requests.Select(r => r.Snapshot?.State).ToArray());
        parameters.AddWithValue("idempotency_key", NpgsqlDbType.Array | NpgsqlDbType.Text, requests.Select(r => r.Idempotency?.Key).ToArray());
        parameters.AddWithValue("request_hash", NpgsqlDbType.Array | NpgsqlDbType.Text, requests.Select(r => r.Idempotency?.RequestHash).ToArray());
        parameters.AddWithValue("idempotency_version", NpgsqlDbType.Array | NpgsqlDbType.Bigint, requests.Select(r => r.Idempotency?.Version).ToArray());
        parameters.AddWithValue("response", NpgsqlDbType.Array | NpgsqlDbType.Text, requests.Select(r => r.Idempotency?.Response).ToArray());
        parameters.AddWithValue("data_key_id", NpgsqlDbType.Array | NpgsqlDbType.Uuid, requests.Select(r => r.DataKeyId).ToArray());
        AddAuditArrays(command, requests.Select(r => r.Audit).ToArray());
    }

    /// <summary>The parameters of <see cref="TailGroupSql"/>: arrays with one element per catch-up read.</summary>
    internal static void AddTailGroupParameters(NpgsqlCommand command, IReadOnlyList<(ActorKey Actor, long After)> reads)
    {
        command.Parameters.AddWithValue("actor_type", reads.Select(r => r.Actor.Type).ToArray());
        command.Parameters.AddWithValue("actor_id", reads.Select(r => r.Actor.Id).ToArray());
        command.Parameters.AddWithValue("after", reads.Select(r => r.After).ToArray());
    }

    private async Task CommitAuditGroupAsync(IReadOnlyList<Pending<AuditRecord, bool>> group)
    {
        PostgresJournalTelemetry.GroupSize.Record(group.Count, new KeyValuePair<string, object?>("kind", "audit"));
        try
        {
            await using var command = _dataSource.CreateCommand(AuditGroupSql);
            AddAuditArrays(command, [.. group.Select(p => (AuditRecord?)p.Request)]);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            foreach (var pending in group)
            {
                pending.Succeed(true);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in group)
            {
                pending.Fail(PostgresExceptionTransformer.Transform(exception, appending: null) ?? exception);
            }
        }
    }

    /// <summary>The <c>@audit_*</c> parameters as arrays, one element per record (a typed null where there is none).</summary>
    private static void AddAuditArrays(NpgsqlCommand command, AuditRecord?[] records)
    {
        var parameters = command.Parameters;
        parameters.AddWithValue("audit_id", NpgsqlDbType.Array | NpgsqlDbType.Uuid, records.Select(r => r?.AuditId).ToArray());
        parameters.AddWithValue("audit_ts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, records.Select(r => r is null ? (DateTimeOffset?)null : Microseconds.Truncate(r.Timestamp)).ToArray());
        parameters.AddWithValue("audit_principal", NpgsqlDbType.Array | NpgsqlDbType.Text, records.Select(r => r?.Principal).ToArray());
        parameters.AddWithValue("audit_operation", NpgsqlDbType.Array | NpgsqlDbType.Text, records.Select(r => r?.Operation).ToArray());
        parameters.AddWithValue("audit_actor_type", NpgsqlDbType.Array | NpgsqlDbType.Text, records.Select(r => r?.ActorType).ToArray());
        parameters.AddWithValue("audit_actor_id", NpgsqlDbType.Array | NpgsqlDbType.Text, records.Select(r => r?.ActorId).ToArray());
        parameters.AddWithValue("audit_target", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, records.Select(r => r?.Target).ToArray());
        parameters.AddWithValue("audit_reason", NpgsqlDbType.Array | NpgsqlDbType.Text, records.Select(r => r?.Reason).ToArray());
    }
}
