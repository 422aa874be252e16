using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

public sealed partial class SqliteJournalStore
{
    /// <inheritdoc />
    public Task<long?> GetGlobalVersionAsync(DateTimeOffset? atOrBefore, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, ct) =>
            {
                // Both are one seek: the last rowid, or a backward step on (ts, global_version).
                await using var command = connection.CreateCommand();
                if (atOrBefore is { } at)
                {
                    command.CommandText = """
                        select global_version from journal
                        where ts <= $at
                        order by ts desc, global_version desc
                        limit 1
                        """;
                    command.Parameters.AddWithValue("$at", Microseconds.FromTimestamp(at));
                }
                else
                {
                    command.CommandText = "select max(global_version) from journal";
                }

                return await command.ExecuteScalarAsync(ct) is long globalVersion ? globalVersion : (long?)null;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindAtOrBeforeGlobalVersionAsync(ActorKey actor, long globalVersion, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select {Columns} from journal
            where actor_type = $actor_type and actor_id = $actor_id and global_version <= $global_version
            order by global_version desc
            limit 1
            """;
        var found = await QueryAsync(
            actor,
            sql,
            command => command.Parameters.AddWithValue("$global_version", globalVersion),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListActorIdsAsync(string actorType, string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // A loose index scan: each step is one seek on the unique key (actor_type, actor_id, version) for the
        // first id after the previous one, so a page costs `limit` seeks however many sets each actor has.
        // Text compares with BINARY, i.e. ordinal on the UTF-8 bytes.
        var after = afterId is null ? "" : "and actor_id > $after";
        var sql = $"""
            with recursive ids (actor_id, n) as (
                select (select actor_id from journal
                        where actor_type = $actor_type {after}
                        order by actor_id
                        limit 1),
                       1
                union all
                select (select next.actor_id from journal next
                        where next.actor_type = $actor_type and next.actor_id > ids.actor_id
                        order by next.actor_id
                        limit 1),
                       ids.n + 1
                from ids
                where ids.actor_id is not null and ids.n < $limit
            )
            select actor_id from ids where actor_id is not null
            """;
        return ReadAsync<IReadOnlyList<string>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$actor_type", actorType);
                command.Parameters.AddWithValue("$limit", limit);
                if (afterId is not null)
                {
                    command.Parameters.AddWithValue("$after", afterId);
                }

                await using var reader = await command.ExecuteReaderAsync(ct);
                var ids = new List<string>();
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<EventPage> ReadEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, nameof(query));
        var cursor = query.Cursor is null ? (long?)null : SqliteCursor.Parse(query.Cursor);

        // global_version order is commit order: there is one writer at a time, and it takes the next rowid
        // inside its write transaction. So a set that commits later sorts after every cursor handed out.
        var conditions = new List<string>();
        AddFilter(conditions, cursor, "global_version > $cursor");
        AddFilter(
            conditions,
            query.EventType,
            "exists (select 1 from json_each(journal.events) as event where json_extract(event.value, '$.type') = $event_type)");
        AddFilter(conditions, query.ActorType, "actor_type = $actor_type");
        AddFilter(conditions, query.ActorId, "actor_id = $actor_id");
        AddFilter(conditions, query.Principal, "principal = $principal");
        AddFilter(conditions, query.After, "ts >= $after");
        AddFilter(conditions, query.Before, "ts < $before");
        var sql = $"""
            select {Columns}, actor_type, actor_id from journal
            {Where(conditions)}
            order by global_version
            limit $limit
            """;
        return ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                AddIfGiven(command, "$cursor", cursor);
                AddIfGiven(command, "$event_type", query.EventType);
                AddFilterParameters(command, query.ActorType, query.ActorId, query.Principal, query.After, query.Before);
                command.Parameters.AddWithValue("$limit", query.Limit);

                await using var reader = await command.ExecuteReaderAsync(ct);
                var entries = new List<EventPageEntry>();
                while (await reader.ReadAsync(ct))
                {
                    var set = ReadMutationSet(reader, new ActorKey(reader.GetString(9), reader.GetString(10)));
                    entries.Add(new EventPageEntry(set, SqliteCursor.Format(set.GlobalVersion)));
                }

                return new EventPage(entries);
            },
            cancellationToken);
    }

    private static void AddFilter<T>(List<string> conditions, T? value, string condition)
    {
        if (value is not null)
        {
            conditions.Add(condition);
        }
    }

    private static string Where(List<string> conditions) =>
        conditions.Count == 0 ? "" : $"where {string.Join(" and ", conditions)}";

    /// <summary>The parameters of the filters both cross-actor reads share; the names match their conditions.</summary>
    private static void AddFilterParameters(SqliteCommand command, string? actorType, string? actorId, string? principal, DateTimeOffset? after, DateTimeOffset? before)
    {
        AddIfGiven(command, "$actor_type", actorType);
        AddIfGiven(command, "$actor_id", actorId);
        AddIfGiven(command, "$principal", principal);
        AddIfGiven(command, "$after", after is { } from ? Microseconds.FromTimestamp(from) : null);
        AddIfGiven(command, "$before", before is { } to ? Microseconds.FromTimestamp(to) : null);
    }

    private static void AddIfGiven(SqliteCommand command, string name, object? value)
    {
        if (value is not null)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
