using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore
{
    /// <summary>
    /// The rest of an erasing append, in its transaction: purges what the actor's documents hold in clear (and then its
    /// lines in compliance snapshot data), and destroys its data keys.
    /// </summary>
    private static async Task EraseAsync(SqliteConnection connection, ActorKey actor, PersonalDataErasure erasure, CancellationToken cancellationToken)
    {
        if (erasure.PurgeDocument is { } purge)
        {
            var journal = await PurgeRowsAsync(
                connection, actor, "select global_version, events, metadata from journal where actor_type = $actor_type and actor_id = $actor_id",
                "update journal set events = $c0, metadata = $c1 where global_version = $row", purge, cancellationToken);
            var snapshots = await PurgeRowsAsync(
                connection, actor, "select version, state from snapshots where actor_type = $actor_type and actor_id = $actor_id",
                "update snapshots set state = $c0 where actor_type = $actor_type and actor_id = $actor_id and version = $row", purge, cancellationToken);
            await PurgeRowsAsync(
                connection, actor, "select key, response from idempotency where actor_type = $actor_type and actor_id = $actor_id",
                "update idempotency set response = $c0 where actor_type = $actor_type and actor_id = $actor_id and key = $row", purge, cancellationToken);

            if ((journal || snapshots) && erasure.PurgeSnapshotChunk is { } purgeChunk && erasure.SnapshotDataNeedle is { } needle)
            {
                await using var find = connection.CreateCommand();
                find.CommandText = "select snapshot_id, chunk, lines from snapshot_data where instr(lines, $needle) > 0";
                find.Parameters.AddWithValue("$needle", needle);
                var chunks = new List<(string Id, long Chunk, string Lines)>();
                await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        chunks.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
                    }
                }

                foreach (var (id, chunk, lines) in chunks)
                {
                    if (purgeChunk(lines) is { } purged)
                    {
                        await using var update = connection.CreateCommand();
                        update.CommandText = "update snapshot_data set lines = $lines where snapshot_id = $snapshot_id and chunk = $chunk";
                        update.Parameters.AddWithValue("$lines", purged);
                        update.Parameters.AddWithValue("$snapshot_id", id);
                        update.Parameters.AddWithValue("$chunk", chunk);
                        await update.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
            }
        }

        await DeleteDataKeysAsync(connection, actor, cancellationToken);
    }

    /// <summary>
    /// Reads the actor's rows of one table (a key column, then document columns), and writes back the documents
    /// <paramref name="purge"/> changed; true when it changed any.
    /// </summary>
    private static async Task<bool> PurgeRowsAsync(
        SqliteConnection connection, ActorKey actor, string selectSql, string updateSql, Func<string, string?> purge, CancellationToken cancellationToken)
    {
        var changed = new List<(object Row, string?[] Documents)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = selectSql;
            AddActor(select, actor);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var documents = new string?[reader.FieldCount - 1];
                var any = false;
                for (var i = 0; i < documents.Length; i++)
                {
                    var document = reader.GetString(i + 1);
                    documents[i] = purge(document);
                    any |= documents[i] is not null;
                    documents[i] ??= document;
                }

                if (any)
                {
                    changed.Add((reader.GetValue(0), documents));
                }
            }
        }

        foreach (var (row, documents) in changed)
        {
            await using var update = connection.CreateCommand();
            update.CommandText = updateSql;
            AddActor(update, actor);
            update.Parameters.AddWithValue("$row", row);
            for (var i = 0; i < documents.Length; i++)
            {
                update.Parameters.AddWithValue($"$c{i}", documents[i]);
            }

            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return changed.Count > 0;
    }

    /// <summary>
    /// After an erasure committed: copies the write-ahead log into the file and truncates it, so the pages that held the
    /// destroyed keys and purged values (before secure_delete zeroed them) do not linger in the log. It waits for readers
    /// (up to the busy timeout); if one holds on longer, the log is truncated by a later checkpoint instead.
    /// </summary>
    private static async Task TruncateLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "pragma wal_checkpoint(truncate)";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException)
        {
            // The erasure has committed; a checkpoint that fails now is done by a later one, and the caller must not be
            // told that the erasure failed.
        }
    }
}
