using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore
{
    private const string AuditColumns = "sequence, audit_id, ts, principal, operation, actor_type, actor_id, target, reason";

    /// <inheritdoc />
    public async Task AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_audits is not null)
        {
            // Previews write one entry each: under load they share a statement and a flush, as appends do.
            await _audits.RunAsync(record);
            return;
        }

        // A retry of a write whose answer was lost finds its audit_id taken and writes nothing.
        const string sql = """
            insert into actors_audit (audit_id, ts, principal, operation, actor_type, actor_id, target, reason)
            values (@audit_id, @audit_ts, @audit_principal, @audit_operation, @audit_actor_type, @audit_actor_id, @audit_target, @audit_reason)
            on conflict (audit_id) do nothing
            """;
        await ExecuteAsync(
            sql,
            command => AddAuditParameters(command, record),
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditPage> ReadAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, nameof(query));
        var cursor = query.Cursor is null ? (long?)null : PostgresCursor.ParseAudit(query.Cursor);

        var conditions = new List<string>();
        AddFilter(conditions, cursor, "sequence > @cursor");
        AddFilter(conditions, query.Operation, "operation = @operation");
        AddFilter(conditions, query.ActorType, "actor_type = @actor_type");
        AddFilter(conditions, query.ActorId, "actor_id = @actor_id");
        AddFilter(conditions, query.Principal, "principal = @principal");
        AddFilter(conditions, query.After, "ts >= @after");
        AddFilter(conditions, query.Before, "ts < @before");
        var where = conditions.Count == 0 ? "" : $"where {string.Join(" and ", conditions)}";

        // One row more than asked tells whether there is a next page.
        var sql = $"""
            select {AuditColumns} from actors_audit
            {where}
            order by sequence
            limit @limit + 1
            """;
        return await ExecuteAsync(
            sql,
            command =>
            {
                if (cursor is { } after)
                {
                    command.Parameters.AddWithValue("cursor", after);
                }

                AddIfGiven(command, "operation", query.Operation);
                AddFilterParameters(command, eventType: null, query.ActorType, query.ActorId, query.Principal, query.After, query.Before);
                command.Parameters.AddWithValue("limit", query.Limit);
            },
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                var records = new List<AuditRecord>();
                while (await reader.ReadAsync(ct))
                {
                    records.Add(new AuditRecord(
                        AuditId: reader.GetGuid(1),
                        Timestamp: reader.GetFieldValue<DateTimeOffset>(2),
                        Principal: reader.GetString(3),
                        Operation: reader.GetString(4),
                        ActorType: reader.IsDBNull(5) ? null : reader.GetString(5),
                        ActorId: reader.IsDBNull(6) ? null : reader.GetString(6),
                        Target: reader.GetString(7),
                        Reason: reader.IsDBNull(8) ? null : reader.GetString(8),
                        Sequence: reader.GetInt64(0)));
                }

                if (records.Count <= query.Limit)
                {
                    return new AuditPage(records, NextCursor: null);
                }

                records.RemoveAt(records.Count - 1);
                return new AuditPage(records, PostgresCursor.FormatAudit(records[^1].Sequence));
            },
            cancellationToken);
    }

    /// <summary>The <c>@audit_*</c> parameters; all typed, so that an absent record is a typed null.</summary>
    private static void AddAuditParameters(NpgsqlCommand command, AuditRecord? record)
    {
        command.Parameters.AddWithValue("audit_id", NpgsqlDbType.Uuid, (object?)record?.AuditId ?? DBNull.Value);
        command.Parameters.AddWithValue("audit_ts", NpgsqlDbType.TimestampTz, record is null ? DBNull.Value : Microseconds.Truncate(record.Timestamp));
        command.Parameters.AddWithValue("audit_principal", NpgsqlDbType.Text, (object?)record?.Principal ?? DBNull.Value);
        command.Parameters.AddWithValue("audit_operation", NpgsqlDbType.Text, (object?)record?.Operation ?? DBNull.Value);
        command.Parameters.AddWithValue("audit_actor_type", NpgsqlDbType.Text, (object?)record?.ActorType ?? DBNull.Value);
        command.Parameters.AddWithValue("audit_actor_id", NpgsqlDbType.Text, (object?)record?.ActorId ?? DBNull.Value);
        command.Parameters.AddWithValue("audit_target", NpgsqlDbType.Jsonb, (object?)record?.Target ?? DBNull.Value);
        command.Parameters.AddWithValue("audit_reason", NpgsqlDbType.Text, (object?)record?.Reason ?? DBNull.Value);
    }
}
