using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore : IReminderStore
{
    private const string ReminderColumns = "grain_id, reminder_name, grain_hash, start_at, period, etag";

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRecord>> ReadRemindersAsync(string serviceId, string grainId, CancellationToken cancellationToken) =>
        QueryRemindersAsync(
            serviceId,
            $"select {ReminderColumns} from reminders where service_id = $service_id and grain_id = $grain_id",
            command => command.Parameters.AddWithValue("$grain_id", grainId),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRecord>> ReadRemindersInRangeAsync(string serviceId, uint begin, uint end, CancellationToken cancellationToken)
    {
        // The ring wraps: (begin, end] when begin < end, otherwise everything above begin and everything up to end.
        var condition = begin < end ? "grain_hash > $begin and grain_hash <= $end" : "(grain_hash > $begin or grain_hash <= $end)";
        return QueryRemindersAsync(
            serviceId,
            $"select {ReminderColumns} from reminders where service_id = $service_id and {condition}",
            command =>
            {
                command.Parameters.AddWithValue("$begin", (long)begin);
                command.Parameters.AddWithValue("$end", (long)end);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReminderRecord?> ReadReminderAsync(string serviceId, string grainId, string name, CancellationToken cancellationToken)
    {
        var found = await QueryRemindersAsync(
            serviceId,
            $"select {ReminderColumns} from reminders where service_id = $service_id and grain_id = $grain_id and reminder_name = $name",
            command =>
            {
                command.Parameters.AddWithValue("$grain_id", grainId);
                command.Parameters.AddWithValue("$name", name);
            },
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task UpsertReminderAsync(ReminderRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    insert into reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
                    values ($service_id, $grain_id, $name, $grain_hash, $start_at, $period, $etag)
                    on conflict (service_id, grain_id, reminder_name) do update
                    set grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
                    """;
                command.Parameters.AddWithValue("$service_id", record.ServiceId);
                command.Parameters.AddWithValue("$grain_id", record.GrainId);
                command.Parameters.AddWithValue("$name", record.Name);
                command.Parameters.AddWithValue("$grain_hash", (long)record.GrainHash);
                command.Parameters.AddWithValue("$start_at", Microseconds.FromTimestamp(record.StartAt));
                command.Parameters.AddWithValue("$period", record.Period.Ticks);
                command.Parameters.AddWithValue("$etag", record.ETag);
                return await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveReminderAsync(string serviceId, string grainId, string name, string eTag, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    delete from reminders
                    where service_id = $service_id and grain_id = $grain_id and reminder_name = $name and etag = $etag
                    """;
                command.Parameters.AddWithValue("$service_id", serviceId);
                command.Parameters.AddWithValue("$grain_id", grainId);
                command.Parameters.AddWithValue("$name", name);
                command.Parameters.AddWithValue("$etag", eTag);
                return await command.ExecuteNonQueryAsync(ct) == 1;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task ClearRemindersAsync(string serviceId, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "delete from reminders where service_id = $service_id";
                command.Parameters.AddWithValue("$service_id", serviceId);
                return await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);

    private Task<IReadOnlyList<ReminderRecord>> QueryRemindersAsync(
        string serviceId, string sql, Action<SqliteCommand> addParameters, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ReminderRecord>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$service_id", serviceId);
                addParameters(command);
                await using var reader = await command.ExecuteReaderAsync(ct);
                var reminders = new List<ReminderRecord>();
                while (await reader.ReadAsync(ct))
                {
                    reminders.Add(new ReminderRecord(
                        serviceId,
                        GrainId: reader.GetString(0),
                        Name: reader.GetString(1),
                        GrainHash: (uint)reader.GetInt64(2),
                        StartAt: Microseconds.ToTimestamp(reader.GetInt64(3)),
                        Period: TimeSpan.FromTicks(reader.GetInt64(4)),
                        ETag: reader.GetString(5)));
                }

                return reminders;
            },
            cancellationToken);
}
