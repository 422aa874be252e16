using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore
{
    // One statement, hence one implicit transaction and one round trip. The journal insert only happens
    // when the previous version exists (versions stay contiguous); the snapshot, idempotency and audit
    // inserts select from its RETURNING, so they happen only if it did. A unique violation in any part aborts
    // the whole statement: nothing of a refused append is left behind.
    //
    // The previous version is found as the actor's newest row below @version, one backward step on the primary key. No
    // other index yields an actor's rows in version order, so with statistics or without, the planner has no other index
    // to choose; only statistics that say the journal is tiny make a scan look cheaper (migration 003 keeps autovacuum
    // from saying so, PostgresMigrations from analyzing an empty journal). It matters because Npgsql prepares this
    // statement on every pooled connection, and PostgreSQL keeps the plan it makes then until the journal's statistics
    // change. The check was "exists (... version = @version - 1)", which the other indexes that begin with (actor_type,
    // actor_id) serve as well on paper: without statistics PostgreSQL took actors_journal_actor_tx_idx (dropped since, migration 008) and read every row
    // of the actor, and for the group statement, planned while the journal was new, it hashed the whole journal for every
    // group. On a fresh database S1 fell from 2,510 to 776 batches/s as the journal grew to 70k rows (2.3 ms of
    // PostgreSQL CPU per append, 196.8M rows read) and went to 9k/s when autovacuum's first ANALYZE replaced the plans.
    // PostgresJournalPlanTests measures what these statements read. Version 1 has no previous version to find; it may be
    // written only while the actor was never compacted (its version 1 may have left the journal since), which one probe of
    // actors_history's key says. A per-actor head row, the other way to make the check
    // cheap, would cost a second write per append and make that row, not the journal's key, the arbiter between writers.
    // An append that names a data key (it holds sealed personal values) also needs that key to exist: one primary-key
    // probe of actors_keys, only for such appends. No erasure can delete the key between the probe and the commit without
    // the two clashing on the journal's key: an erasure appends the actor's next version too.
    internal const string AppendSql = """
        with appended as (
            insert into actors_journal
                (actor_type, actor_id, version, checkpoint_id, ts, principal, operation, metadata, reason, events)
            select @actor_type, @actor_id, @version, @checkpoint_id, @ts, @principal, @operation, @metadata, @reason, @events
            where ((@version = 1 and not exists (
                select from actors_history h where h.actor_type = @actor_type and h.actor_id = @actor_id)) or (
                select version from actors_journal
                where actor_type = @actor_type and actor_id = @actor_id and version < @version
                order by version desc
                limit 1) = @version - 1)
              -- Personal values sealed with a key an erasure has destroyed since could never be opened: not written.
              and (@data_key_id is null or exists (select from actors_keys where key_id = @data_key_id))
            returning global_version
        ), snapshot as (
            insert into actors_snapshots (actor_type, actor_id, version, state)
            select @actor_type, @actor_id, @snapshot_version, @snapshot_state from appended
            where @snapshot_version is not null
            -- The state after a version never changes, so an existing snapshot of it is already right.
            on conflict (actor_type, actor_id, version) do nothing
        ), idempotency as (
            insert into actors_idempotency (actor_type, actor_id, key, request_hash, version, response)
            select @actor_type, @actor_id, @idempotency_key, @request_hash, @idempotency_version, @response from appended
            where @idempotency_key is not null
        ), audit as (
            insert into actors_audit (audit_id, ts, principal, operation, actor_type, actor_id, target, reason)
            select @audit_id, @audit_ts, @audit_principal, @audit_operation, @audit_actor_type, @audit_actor_id, @audit_target, @audit_reason
            from appended
            where @audit_id is not null
            -- A retried append conflicts on the journal key anyway; this only keeps audit ids unique.
            on conflict (audit_id) do nothing
        )
        select global_version from appended
        """;

    /// <inheritdoc />
    public Task<long> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        AppendValidation.Validate(request);
        if (request.Erasure is not null)
        {
            // Rare, and it rewrites the actor's rows: in a transaction of its own, never in a group.
            return EraseAsync(request);
        }

        // A queued append is not abandoned when the caller gives up: whether it committed would then be unknown.
        // The command timeout bounds the wait instead, as it bounds a single append.
        return _appends is null ? AppendOneAsync(request, cancellationToken) : _appends.RunAsync(request);
    }

    /// <summary>Appends one mutation set in its own statement (and transaction), with its exact refusal when it cannot.</summary>
    private async Task<long> AppendOneAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var set = request.MutationSet;
        try
        {
            await using var command = _dataSource.CreateCommand(AppendSql);
            AddAppendParameters(command, request);

            if (await command.ExecuteScalarAsync(cancellationToken) is long globalVersion)
            {
                return globalVersion;
            }

            // Not written: the data key is gone, or the previous version is missing. Which one to say is worth a second look,
            // and a version that another writer took is said first, as a unique violation would have.
            if (request.DataKeyId is { } keyId)
            {
                if (await GetVersionAsync(set.Actor, cancellationToken) >= set.Version)
                {
                    throw new VersionConflictException(set.Actor, set.Version);
                }

                if ((await FindDataKeysAsync([keyId], cancellationToken)).Count == 0)
                {
                    throw new DataKeyDestroyedException(set.Actor, keyId);
                }
            }

            throw await RefusalAsync(set, cancellationToken);
        }
        catch (Exception exception) when (PostgresExceptionTransformer.Transform(exception, set) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Why an append found no previous version: below the actor's boundary (compaction removed it) another writer was
    /// first, long ago; otherwise the caller skipped a version.
    /// </summary>
    private async Task<Exception> RefusalAsync(MutationSetRecord set, CancellationToken cancellationToken) =>
        await GetHistoryBoundaryAsync(set.Actor, cancellationToken) is { } boundary && boundary.BoundaryVersion >= set.Version
            ? new VersionConflictException(set.Actor, set.Version)
            : AppendValidation.Gap(set);

    /// <summary>The parameters of <see cref="AppendSql"/> for one request.</summary>
    internal static void AddAppendParameters(NpgsqlCommand command, AppendRequest request)
    {
        var set = request.MutationSet;
        AddActor(command, set.Actor);
        command.Parameters.AddWithValue("version", set.Version);
        command.Parameters.AddWithValue("checkpoint_id", set.CheckpointId);
        command.Parameters.AddWithValue("ts", NpgsqlDbType.TimestampTz, Microseconds.Truncate(set.Timestamp));
        command.Parameters.AddWithValue("principal", set.Principal);
        command.Parameters.AddWithValue("operation", set.Operation);
        command.Parameters.AddWithValue("metadata", NpgsqlDbType.Jsonb, set.Metadata);
        command.Parameters.AddWithValue("reason", NpgsqlDbType.Text, (object?)set.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("events", NpgsqlDbType.Jsonb, set.Events);
        command.Parameters.AddWithValue("snapshot_version", NpgsqlDbType.Bigint, (object?)request.Snapshot?.Version ?? DBNull.Value);
        command.Parameters.AddWithValue("snapshot_state", NpgsqlDbType.Jsonb, (object?)request.Snapshot?.State ?? DBNull.Value);
        command.Parameters.AddWithValue("idempotency_key", NpgsqlDbType.Text, (object?)request.Idempotency?.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("request_hash", NpgsqlDbType.Text, (object?)request.Idempotency?.RequestHash ?? DBNull.Value);
        command.Parameters.AddWithValue("idempotency_version", NpgsqlDbType.Bigint, (object?)request.Idempotency?.Version ?? DBNull.Value);
        command.Parameters.AddWithValue("response", NpgsqlDbType.Text, (object?)request.Idempotency?.Response ?? DBNull.Value);
        command.Parameters.AddWithValue("data_key_id", NpgsqlDbType.Uuid, (object?)request.DataKeyId ?? DBNull.Value);
        AddAuditParameters(command, request.Audit);
    }
}
