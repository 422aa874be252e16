using Actors.Abstractions.Storage;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore : ISnapshotDataStore
{
    /// <inheritdoc />
    public Task WriteSnapshotChunkAsync(string snapshotId, int chunk, string lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        return WriteAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    insert into snapshot_data (snapshot_id, chunk, lines) values ($snapshot_id, $chunk, $lines)
                    on conflict (snapshot_id, chunk) do update set lines = excluded.lines
                    """;
                command.Parameters.AddWithValue("$snapshot_id", snapshotId);
                command.Parameters.AddWithValue("$chunk", chunk);
                command.Parameters.AddWithValue("$lines", lines);
                return await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> ReadSnapshotChunkAsync(string snapshotId, int chunk, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "select lines from snapshot_data where snapshot_id = $snapshot_id and chunk = $chunk";
                command.Parameters.AddWithValue("$snapshot_id", snapshotId);
                command.Parameters.AddWithValue("$chunk", chunk);
                return await command.ExecuteScalarAsync(ct) as string;
            },
            cancellationToken);
}
