using Actors.Abstractions.Storage;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore : ISnapshotDataStore
{
    /// <inheritdoc />
    public Task WriteSnapshotChunkAsync(string snapshotId, int chunk, string lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        const string sql = """
            insert into actors_snapshot_data (snapshot_id, chunk, lines) values (@snapshot_id, @chunk, @lines)
            on conflict (snapshot_id, chunk) do update set lines = excluded.lines
            """;
        return ExecuteAsync(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("snapshot_id", snapshotId);
                command.Parameters.AddWithValue("chunk", chunk);
                command.Parameters.AddWithValue("lines", lines);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> ReadSnapshotChunkAsync(string snapshotId, int chunk, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "select lines from actors_snapshot_data where snapshot_id = @snapshot_id and chunk = @chunk",
            command =>
            {
                command.Parameters.AddWithValue("snapshot_id", snapshotId);
                command.Parameters.AddWithValue("chunk", chunk);
            },
            static async (command, ct) => await command.ExecuteScalarAsync(ct) as string,
            cancellationToken);
}
