using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore : IDataKeyStore
{
    // The insert skips when the actor has a key; the select then reads it. A key another transaction committed after this
    // statement's snapshot was taken makes the insert skip but is not seen by the select: the statement is run again.
    private const string GetOrCreateKeySql = """
        with inserted as (
            insert into actors_keys (key_id, actor_type, actor_id, key) values (@key_id, @actor_type, @actor_id, @key)
            on conflict (actor_type, actor_id) do nothing
            returning key_id, key
        )
        select key_id, key from inserted
        union all
        select key_id, key from actors_keys where actor_type = @actor_type and actor_id = @actor_id
        limit 1
        """;

    private const string DeleteKeysSql = "delete from actors_keys where actor_type = @actor_type and actor_id = @actor_id";

    /// <inheritdoc />
    public async Task<DataKey> GetOrCreateDataKeyAsync(DataKey candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNotEqual(candidate.Material.Length, DataKey.Length, nameof(candidate));
        for (var attempt = 1; ; attempt++)
        {
            var found = await ExecuteAsync(
                GetOrCreateKeySql,
                candidate.Actor,
                command =>
                {
                    command.Parameters.AddWithValue("key_id", candidate.KeyId);
                    command.Parameters.AddWithValue("key", NpgsqlDbType.Bytea, candidate.Material.ToArray());
                },
                async (command, ct) =>
                {
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    return await reader.ReadAsync(ct) ? new DataKey(reader.GetGuid(0), candidate.Actor, reader.GetFieldValue<byte[]>(1)) : null;
                },
                cancellationToken);
            if (found is not null)
            {
                return found;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"The data key of {candidate.Actor} was neither stored nor found.");
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DataKey>> FindDataKeysAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        if (keyIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<DataKey>>([]);
        }

        return ExecuteAsync<IReadOnlyList<DataKey>>(
            "select key_id, actor_type, actor_id, key from actors_keys where key_id = any(@key_ids)",
            command => command.Parameters.AddWithValue("key_ids", keyIds.Distinct().ToArray()),
            async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                var keys = new List<DataKey>(keyIds.Count);
                while (await reader.ReadAsync(ct))
                {
                    keys.Add(new DataKey(reader.GetGuid(0), new ActorKey(reader.GetString(1), reader.GetString(2)), reader.GetFieldValue<byte[]>(3)));
                }

                return keys;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DestroyDataKeysAsync(ActorKey actor, CancellationToken cancellationToken) =>
        ExecuteAsync(DeleteKeysSql, actor, static _ => { }, static (command, ct) => command.ExecuteNonQueryAsync(ct), cancellationToken);
}
