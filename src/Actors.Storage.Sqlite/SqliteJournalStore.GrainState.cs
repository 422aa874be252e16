using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore : IGrainStateStore
{
    /// <inheritdoc />
    public Task<GrainStateRecord?> ReadGrainStateAsync(string grainId, string stateName, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "select etag, data from grain_state where grain_id = $grain_id and state_name = $state_name";
                AddGrainState(command, grainId, stateName);
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? new GrainStateRecord(grainId, stateName, reader.GetString(0), reader.GetString(1)) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> WriteGrainStateAsync(GrainStateRecord record, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Zero rows written means another writer was first: it inserted the row, or changed the etag this writer read.
        const string insert = """
            insert into grain_state (grain_id, state_name, etag, data, updated_at)
            values ($grain_id, $state_name, $etag, $data, $updated_at)
            on conflict (grain_id, state_name) do nothing
            """;
        const string update = """
            update grain_state set etag = $etag, data = $data, updated_at = $updated_at
            where grain_id = $grain_id and state_name = $state_name and etag = $expected
            """;
        return WriteAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = expectedETag is null ? insert : update;
                AddGrainState(command, record.GrainId, record.StateName);
                command.Parameters.AddWithValue("$etag", record.ETag);
                command.Parameters.AddWithValue("$data", record.Data);
                command.Parameters.AddWithValue("$updated_at", Microseconds.FromTimestamp(DateTimeOffset.UtcNow));
                if (expectedETag is not null)
                {
                    command.Parameters.AddWithValue("$expected", expectedETag);
                }

                return await command.ExecuteNonQueryAsync(ct) == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ClearGrainStateAsync(string grainId, string stateName, string? expectedETag, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, ct) =>
            {
                // Under the store's write lock nothing changes the row between the two statements.
                await using var delete = connection.CreateCommand();
                delete.CommandText = "delete from grain_state where grain_id = $grain_id and state_name = $state_name and etag = $expected";
                AddGrainState(delete, grainId, stateName);
                delete.Parameters.AddWithValue("$expected", (object?)expectedETag ?? DBNull.Value);
                if (await delete.ExecuteNonQueryAsync(ct) == 1)
                {
                    return true;
                }

                await using var exists = connection.CreateCommand();
                exists.CommandText = "select count(*) from grain_state where grain_id = $grain_id and state_name = $state_name";
                AddGrainState(exists, grainId, stateName);
                return (long)(await exists.ExecuteScalarAsync(ct))! == 0;
            },
            cancellationToken);

    private static void AddGrainState(SqliteCommand command, string grainId, string stateName)
    {
        command.Parameters.AddWithValue("$grain_id", grainId);
        command.Parameters.AddWithValue("$state_name", stateName);
    }

    /// <summary>A write outside the journal's own (grain state, reminders, snapshot data): one at a time, errors translated.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> writeAsync, CancellationToken cancellationToken)
    {
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                return await writeAsync(connection, cancellationToken);
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
}
