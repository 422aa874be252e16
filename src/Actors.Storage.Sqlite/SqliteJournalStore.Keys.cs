using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore : IDataKeyStore
{
    /// <summary>The most key ids one look-up names; a longer list is read in several.</summary>
    private const int KeysPerRead = 500;

    /// <inheritdoc />
    public Task<DataKey> GetOrCreateDataKeyAsync(DataKey candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNotEqual(candidate.Material.Length, DataKey.Length, nameof(candidate));
        return WriteAsync(
            async (connection, ct) =>
            {
                // Under the write lock nothing comes between the insert and the read.
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    insert into data_keys (key_id, actor_type, actor_id, key, created_at)
                    values ($key_id, $actor_type, $actor_id, $key, $created_at)
                    on conflict (actor_type, actor_id) do nothing;
                    select key_id, key from data_keys where actor_type = $actor_type and actor_id = $actor_id;
                    """;
                AddActor(command, candidate.Actor);
                command.Parameters.AddWithValue("$key_id", candidate.KeyId);
                command.Parameters.AddWithValue("$key", candidate.Material.ToArray());
                command.Parameters.AddWithValue("$created_at", Microseconds.FromTimestamp(DateTimeOffset.UtcNow));
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct))
                {
                    throw new InvalidOperationException($"The data key of {candidate.Actor} was neither stored nor found.");
                }

                return new DataKey(reader.GetGuid(0), candidate.Actor, (byte[])reader.GetValue(1));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DataKey>> FindDataKeysAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        if (keyIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<DataKey>>([]);
        }

        return ReadAsync<IReadOnlyList<DataKey>>(
            async (connection, ct) =>
            {
                var keys = new List<DataKey>(keyIds.Count);
                foreach (var chunk in keyIds.Distinct().Chunk(KeysPerRead))
                {
                    await using var command = connection.CreateCommand();
                    var names = new string[chunk.Length];
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        names[i] = $"$k{i}";
                        command.Parameters.AddWithValue(names[i], chunk[i]);
                    }

                    command.CommandText = $"select key_id, actor_type, actor_id, key from data_keys where key_id in ({string.Join(", ", names)})";
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        keys.Add(new DataKey(reader.GetGuid(0), new ActorKey(reader.GetString(1), reader.GetString(2)), (byte[])reader.GetValue(3)));
                    }
                }

                return keys;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DestroyDataKeysAsync(ActorKey actor, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, ct) =>
            {
                var destroyed = await DeleteDataKeysAsync(connection, actor, ct);
                await TruncateLogAsync(connection, ct);
                return destroyed;
            },
            cancellationToken);

    /// <summary>Deletes the actor's keys on <paramref name="connection"/> (in its transaction, if any); secure_delete overwrites them.</summary>
    private static async Task<int> DeleteDataKeysAsync(SqliteConnection connection, ActorKey actor, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "delete from data_keys where actor_type = $actor_type and actor_id = $actor_id";
        AddActor(command, actor);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True when the key exists; read inside the append's transaction, so no erasure can come in between.</summary>
    private static async Task<bool> DataKeyExistsAsync(SqliteConnection connection, Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select exists (select 1 from data_keys where key_id = $key_id)";
        command.Parameters.AddWithValue("$key_id", keyId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }
}
