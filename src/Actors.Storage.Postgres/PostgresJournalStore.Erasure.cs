using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Npgsql;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore
{
    /// <summary>
    /// An append that erases the actor's personal data, in one transaction: the mutation set (with its audit entry) as any
    /// append writes it, then the actor's documents rewritten without what they hold in clear (and its lines of compliance
    /// snapshot data when there was some), then its data keys deleted. A lost race aborts all of it.
    /// </summary>
    private async Task<long> EraseAsync(AppendRequest request)
    {
        var set = request.MutationSet;
        var erasure = request.Erasure!;
        var cancellationToken = CancellationToken.None;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            long globalVersion;
            await using (var append = new NpgsqlCommand(AppendSql, connection, transaction))
            {
                AddAppendParameters(append, request);
                globalVersion = await append.ExecuteScalarAsync(cancellationToken) as long? ?? throw AppendValidation.Gap(set);
            }

            if (erasure.PurgeDocument is { } purge)
            {
                var journal = await PurgeRowsAsync(
                    connection, transaction, set.Actor,
                    "select version, events::text, metadata::text from actors_journal where actor_type = @actor_type and actor_id = @actor_id for update",
                    "update actors_journal set events = @c0::jsonb, metadata = @c1::jsonb where actor_type = @actor_type and actor_id = @actor_id and version = @row",
                    purge);
                var snapshots = await PurgeRowsAsync(
                    connection, transaction, set.Actor,
                    "select version, state::text from actors_snapshots where actor_type = @actor_type and actor_id = @actor_id for update",
                    "update actors_snapshots set state = @c0::jsonb where actor_type = @actor_type and actor_id = @actor_id and version = @row",
                    purge);
                await PurgeRowsAsync(
                    connection, transaction, set.Actor,
                    "select key, response from actors_idempotency where actor_type = @actor_type and actor_id = @actor_id for update",
                    "update actors_idempotency set response = @c0 where actor_type = @actor_type and actor_id = @actor_id and key = @row",
                    purge);

                if ((journal || snapshots) && erasure.PurgeSnapshotChunk is { } purgeChunk && erasure.SnapshotDataNeedle is { } needle)
                {
                    await PurgeSnapshotDataAsync(connection, transaction, needle, purgeChunk);
                }
            }

            await using (var delete = new NpgsqlCommand(DeleteKeysSql, connection, transaction))
            {
                AddActor(delete, set.Actor);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return globalVersion;
        }
        catch (Exception exception) when (PostgresExceptionTransformer.Transform(exception, set) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Reads the actor's rows of one table (a key column, then document columns), locked, and writes back the documents
    /// <paramref name="purge"/> changed; true when it changed any.
    /// </summary>
    private static async Task<bool> PurgeRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ActorKey actor, string selectSql, string updateSql, Func<string, string?> purge)
    {
        var changed = new List<(object Row, string[] Documents)>();
        await using (var select = new NpgsqlCommand(selectSql, connection, transaction))
        {
            AddActor(select, actor);
            await using var reader = await select.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                var documents = new string[reader.FieldCount - 1];
                var any = false;
                for (var i = 0; i < documents.Length; i++)
                {
                    var document = reader.GetString(i + 1);
                    var purged = purge(document);
                    any |= purged is not null;
                    documents[i] = purged ?? document;
                }

                if (any)
                {
                    changed.Add((reader.GetValue(0), documents));
                }
            }
        }

        foreach (var (row, documents) in changed)
        {
            await using var update = new NpgsqlCommand(updateSql, connection, transaction);
            AddActor(update, actor);
            update.Parameters.AddWithValue("row", row);
            for (var i = 0; i < documents.Length; i++)
            {
                update.Parameters.AddWithValue($"c{i}", documents[i]);
            }

            await update.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return changed.Count > 0;
    }

    /// <summary>Rewrites the chunks of compliance snapshot data that hold <paramref name="needle"/> through <paramref name="purge"/>.</summary>
    private static async Task PurgeSnapshotDataAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string needle, Func<string, string?> purge)
    {
        var chunks = new List<(string Id, int Chunk, string Lines)>();
        await using (var find = new NpgsqlCommand(
            "select snapshot_id, chunk, lines from actors_snapshot_data where strpos(lines, @needle) > 0 for update", connection, transaction))
        {
            find.Parameters.AddWithValue("needle", needle);
            await using var reader = await find.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                chunks.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
            }
        }

        foreach (var (id, chunk, lines) in chunks)
        {
            if (purge(lines) is { } purged)
            {
                await using var update = new NpgsqlCommand(
                    "update actors_snapshot_data set lines = @lines where snapshot_id = @snapshot_id and chunk = @chunk", connection, transaction);
                update.Parameters.AddWithValue("lines", purged);
                update.Parameters.AddWithValue("snapshot_id", id);
                update.Parameters.AddWithValue("chunk", chunk);
                await update.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }
}
