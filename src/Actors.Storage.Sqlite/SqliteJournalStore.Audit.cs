using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore
{
    // A retry of a write whose answer was lost finds its audit_id taken and writes nothing.
    private const string InsertAuditSql = """
        insert into audit (audit_id, ts, principal, operation, actor_type, actor_id, target, reason)
        values ($audit_id, $ts, $principal, $operation, $actor_type, $actor_id, $target, $reason)
        on conflict (audit_id) do nothing
        """;

    /// <inheritdoc />
    public async Task AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                await InsertAuditAsync(connection, record, cancellationToken);
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
    public Task<AuditPage> ReadAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, nameof(query));
        var cursor = query.Cursor is null ? (long?)null : SqliteCursor.Parse(query.Cursor);

        var conditions = new List<string>();
        AddFilter(conditions, cursor, "sequence > $cursor");
        AddFilter(conditions, query.Operation, "operation = $operation");
        AddFilter(conditions, query.ActorType, "actor_type = $actor_type");
        AddFilter(conditions, query.ActorId, "actor_id = $actor_id");
        AddFilter(conditions, query.Principal, "principal = $principal");
        AddFilter(conditions, query.After, "ts >= $after");
        AddFilter(conditions, query.Before, "ts < $before");

        // One row more than asked tells whether there is a next page.
        var sql = $"""
            select sequence, audit_id, ts, principal, operation, actor_type, actor_id, target, reason from audit
            {Where(conditions)}
            order by sequence
            limit $limit + 1
            """;
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                AddIfGiven(command, "$cursor", cursor);
                AddIfGiven(command, "$operation", query.Operation);
                AddFilterParameters(command, query.ActorType, query.ActorId, query.Principal, query.After, query.Before);
                command.Parameters.AddWithValue("$limit", query.Limit);

                await using var reader = await command.ExecuteReaderAsync(ct);
                var records = new List<AuditRecord>();
                while (await reader.ReadAsync(ct))
                {
                    records.Add(new AuditRecord(
                        AuditId: reader.GetGuid(1),
                        Timestamp: Microseconds.ToTimestamp(reader.GetInt64(2)),
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
                return new AuditPage(records, SqliteCursor.Format(records[^1].Sequence));
            },
            cancellationToken);
    }

    private static async Task InsertAuditAsync(SqliteConnection connection, AuditRecord record, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = InsertAuditSql;
        command.Parameters.AddWithValue("$audit_id", record.AuditId);
        command.Parameters.AddWithValue("$ts", Microseconds.FromTimestamp(record.Timestamp));
        command.Parameters.AddWithValue("$principal", record.Principal);
        command.Parameters.AddWithValue("$operation", record.Operation);
        command.Parameters.AddWithValue("$actor_type", (object?)record.ActorType ?? DBNull.Value);
        command.Parameters.AddWithValue("$actor_id", (object?)record.ActorId ?? DBNull.Value);
        command.Parameters.AddWithValue("$target", record.Target);
        command.Parameters.AddWithValue("$reason", (object?)record.Reason ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
