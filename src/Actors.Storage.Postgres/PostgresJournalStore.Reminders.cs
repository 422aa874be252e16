using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore : IReminderStore
{
    private const string ReminderColumns = "grain_id, reminder_name, grain_hash, start_at, period, etag";

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRecord>> ReadRemindersAsync(string serviceId, string grainId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"select {ReminderColumns} from actors_reminders where service_id = @service_id and grain_id = @grain_id",
            command =>
            {
                command.Parameters.AddWithValue("service_id", serviceId);
                command.Parameters.AddWithValue("grain_id", grainId);
            },
            (command, ct) => ReadRemindersAsync(command, serviceId, ct),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRecord>> ReadRemindersInRangeAsync(string serviceId, uint begin, uint end, CancellationToken cancellationToken)
    {
        // The ring wraps: (begin, end] when begin < end, otherwise everything above begin and everything up to end.
        var condition = begin < end ? "grain_hash > @begin and grain_hash <= @end" : "(grain_hash > @begin or grain_hash <= @end)";
        return ExecuteAsync(
            $"select {ReminderColumns} from actors_reminders where service_id = @service_id and {condition}",
            command =>
            {
                command.Parameters.AddWithValue("service_id", serviceId);
                command.Parameters.AddWithValue("begin", (long)begin);
                command.Parameters.AddWithValue("end", (long)end);
            },
            (command, ct) => ReadRemindersAsync(command, serviceId, ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReminderRecord?> ReadReminderAsync(string serviceId, string grainId, string name, CancellationToken cancellationToken)
    {
        var found = await ExecuteAsync(
            $"select {ReminderColumns} from actors_reminders where service_id = @service_id and grain_id = @grain_id and reminder_name = @name",
            command =>
            {
                command.Parameters.AddWithValue("service_id", serviceId);
                command.Parameters.AddWithValue("grain_id", grainId);
                command.Parameters.AddWithValue("name", name);
            },
            (command, ct) => ReadRemindersAsync(command, serviceId, ct),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task UpsertReminderAsync(ReminderRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        const string sql = """
            insert into actors_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
            values (@service_id, @grain_id, @name, @grain_hash, @start_at, @period, @etag)
            on conflict (service_id, grain_id, reminder_name) do update
            set grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
            """;
        return ExecuteAsync(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("service_id", record.ServiceId);
                command.Parameters.AddWithValue("grain_id", record.GrainId);
                command.Parameters.AddWithValue("name", record.Name);
                command.Parameters.AddWithValue("grain_hash", (long)record.GrainHash);
                command.Parameters.AddWithValue("start_at", NpgsqlDbType.TimestampTz, Microseconds.Truncate(record.StartAt));
                command.Parameters.AddWithValue("period", record.Period.Ticks);
                command.Parameters.AddWithValue("etag", Guid.ParseExact(record.ETag, "N"));
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveReminderAsync(string serviceId, string grainId, string name, string eTag, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(eTag, "N", out var etag))
        {
            return Task.FromResult(false);
        }

        return ExecuteAsync(
            "delete from actors_reminders where service_id = @service_id and grain_id = @grain_id and reminder_name = @name and etag = @etag",
            command =>
            {
                command.Parameters.AddWithValue("service_id", serviceId);
                command.Parameters.AddWithValue("grain_id", grainId);
                command.Parameters.AddWithValue("name", name);
                command.Parameters.AddWithValue("etag", etag);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task ClearRemindersAsync(string serviceId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "delete from actors_reminders where service_id = @service_id",
            command => command.Parameters.AddWithValue("service_id", serviceId),
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);

    private static async Task<IReadOnlyList<ReminderRecord>> ReadRemindersAsync(NpgsqlCommand command, string serviceId, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reminders = new List<ReminderRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reminders.Add(new ReminderRecord(
                serviceId,
                GrainId: reader.GetString(0),
                Name: reader.GetString(1),
                GrainHash: (uint)reader.GetInt64(2),
                StartAt: reader.GetFieldValue<DateTimeOffset>(3),
                Period: TimeSpan.FromTicks(reader.GetInt64(4)),
                ETag: reader.GetGuid(5).ToString("N")));
        }

        return reminders;
    }
}
