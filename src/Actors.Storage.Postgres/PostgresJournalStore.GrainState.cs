using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore : IGrainStateStore
{
    /// <inheritdoc />
    public Task<GrainStateRecord?> ReadGrainStateAsync(string grainId, string stateName, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "select etag, data::text from actors_grain_state where grain_id = @grain_id and state_name = @state_name",
            command => AddGrainState(command, grainId, stateName),
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct)
                    ? new GrainStateRecord(grainId, stateName, reader.GetGuid(0).ToString("N"), reader.GetString(1))
                    : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> WriteGrainStateAsync(GrainStateRecord record, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var etag = Guid.ParseExact(record.ETag, "N");

        // The first write inserts, and finds a row another writer inserted first; later writes update only the row
        // whose etag they read. Either way, zero rows means another writer was first.
        const string insert = """
            insert into actors_grain_state (grain_id, state_name, etag, data)
            values (@grain_id, @state_name, @etag, @data)
            on conflict (grain_id, state_name) do nothing
            """;
        const string update = """
            update actors_grain_state set etag = @etag, data = @data, updated_at = now()
            where grain_id = @grain_id and state_name = @state_name and etag = @expected
            """;
        Guid? expected = null;
        if (expectedETag is not null)
        {
            if (!Guid.TryParseExact(expectedETag, "N", out var parsed))
            {
                return Task.FromResult(false);
            }

            expected = parsed;
        }

        return ExecuteAsync(
            expected is null ? insert : update,
            command =>
            {
                AddGrainState(command, record.GrainId, record.StateName);
                command.Parameters.AddWithValue("etag", etag);
                command.Parameters.AddWithValue("data", NpgsqlDbType.Jsonb, record.Data);
                if (expected is { } value)
                {
                    command.Parameters.AddWithValue("expected", value);
                }
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ClearGrainStateAsync(string grainId, string stateName, string? expectedETag, CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the outer select does not see the delete, so "not exists" means there was no row.
        const string sql = """
            with deleted as (
                delete from actors_grain_state
                where grain_id = @grain_id and state_name = @state_name and etag = @expected
                returning 1
            )
            select exists (select 1 from deleted)
                or not exists (select 1 from actors_grain_state where grain_id = @grain_id and state_name = @state_name)
            """;
        var expected = Guid.TryParseExact(expectedETag, "N", out var parsed) ? parsed : (Guid?)null;
        return ExecuteAsync(
            sql,
            command =>
            {
                AddGrainState(command, grainId, stateName);
                command.Parameters.AddWithValue("expected", NpgsqlDbType.Uuid, (object?)expected ?? DBNull.Value);
            },
            static async (command, ct) => await command.ExecuteScalarAsync(ct) is true,
            cancellationToken);
    }

    private static void AddGrainState(NpgsqlCommand command, string grainId, string stateName)
    {
        command.Parameters.AddWithValue("grain_id", grainId);
        command.Parameters.AddWithValue("state_name", stateName);
    }
}
