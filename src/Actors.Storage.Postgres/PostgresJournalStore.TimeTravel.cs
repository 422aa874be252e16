using Actors.Abstractions;
using Actors.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Actors.Storage.Postgres;

public sealed partial class PostgresJournalStore
{
    /// <inheritdoc />
    public async Task<long?> GetGlobalVersionAsync(DateTimeOffset? atOrBefore, CancellationToken cancellationToken)
    {
        // Both are one seek: the top of the global_version key, or a backward step on (ts, global_version).
        const string newest = "select max(global_version) from actors_journal";
        const string newestAt = """
            select global_version from actors_journal
            where ts <= @at
            order by ts desc, global_version desc
            limit 1
            """;
        return await ExecuteAsync(
            atOrBefore is null ? newest : newestAt,
            command =>
            {
                if (atOrBefore is { } at)
                {
                    command.Parameters.AddWithValue("at", NpgsqlDbType.TimestampTz, Microseconds.Truncate(at));
                }
            },
            static async (command, ct) => await command.ExecuteScalarAsync(ct) is long globalVersion ? globalVersion : (long?)null,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindAtOrBeforeGlobalVersionAsync(ActorKey actor, long globalVersion, CancellationToken cancellationToken)
    {
        // collate "C" so that actors_journal_actor_global_idx (indexed in that collation) serves the seek;
        // equality means the same bytes in every deterministic collation.
        const string sql = $"""
            select {Columns} from actors_journal
            where actor_type = @actor_type and actor_id collate "C" = @actor_id and global_version <= @global_version
            order by global_version desc
            limit 1
            """;
        var found = await ExecuteAsync(
            sql,
            actor,
            command => command.Parameters.AddWithValue("global_version", globalVersion),
            (command, ct) => ReadMutationSetsAsync(command, actor, ct),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListActorIdsAsync(string actorType, string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // A loose index scan: each step is one seek on (actor_type, actor_id collate "C") for the first id
        // after the previous one, so a page costs `limit` seeks however many sets each actor has.
        // Ordinal order whatever the database's collation: every comparison is in "C".
        var after = afterId is null ? "" : """and actor_id collate "C" > @after""";
        var sql = $"""
            with recursive ids (actor_id, n) as (
                (select actor_id collate "C", 1 from actors_journal
                 where actor_type = @actor_type {after}
                 order by actor_id collate "C"
                 limit 1)
                union all
                select (select next.actor_id collate "C" from actors_journal next
                        where next.actor_type = @actor_type and next.actor_id collate "C" > ids.actor_id
                        order by next.actor_id collate "C"
                        limit 1),
                       ids.n + 1
                from ids
                where ids.actor_id is not null and ids.n < @limit
            )
            select actor_id from ids where actor_id is not null
            """;
        return await ExecuteAsync<IReadOnlyList<string>>(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("actor_type", actorType);
                command.Parameters.AddWithValue("limit", limit);
                if (afterId is not null)
                {
                    command.Parameters.AddWithValue("after", afterId);
                }
            },
            static async (command, ct) =>
            {
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
    public async Task<EventPage> ReadEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit, nameof(query));
        if (query.Cursor is not null)
        {
            PostgresCursor.ParseEvent(query.Cursor); // a cursor this store did not hand out is refused before any I/O
        }

        await CatchUpWithHorizonAsync(cancellationToken);
        return await ExecuteAsync(
            EventsSql(query),
            command => AddEventsParameters(command, query),
            static async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                var entries = new List<EventPageEntry>();
                while (await reader.ReadAsync(ct))
                {
                    var set = ReadMutationSet(reader, new ActorKey(reader.GetString(9), reader.GetString(10)));
                    entries.Add(new EventPageEntry(set, PostgresCursor.FormatEvent(reader.GetFieldValue<ulong>(11), set.GlobalVersion)));
                }

                return new EventPage(entries);
            },
            cancellationToken);
    }

    /// <summary>The statement that reads a page of the event feed; its parameters are <see cref="AddEventsParameters"/>'.</summary>
    internal static string EventsSql(EventQuery query)
    {
        // Commit order, not numbering order: rows sort by (writing transaction, global_version) and only rows
        // below the snapshot's xmin are returned. Every transaction below that horizon has ended, so a set
        // that commits later has a larger tx than the horizon, hence than every cursor handed out before.
        // The price: a set stays invisible here until every transaction that started before it has ended.
        // For one actor both tx conditions are hidden from the planner as the filters below are: written plainly, they are
        // a range on actors_journal_tx_idx's leading column, and a plan made on a small analyzed journal could walk that
        // index over every set below the horizon and sort the actor's sets out of them (50,022 index entries for a page of
        // 10 in PostgresJournalPlanTests, now and then) instead of reading the actor's own sets from the primary key.
        var oneActor = query.ActorType is not null && query.ActorId is not null;
        var conditions = new List<string> { Hidden("tx < pg_snapshot_xmin(pg_current_snapshot())", oneActor) };
        if (query.Cursor is not null)
        {
            conditions.Add(Hidden("(tx, global_version) > (@cursor_tx, @cursor_global_version)", oneActor));
        }

        // One actor's sets: the primary key, in version order, which within one actor is the (tx, global_version) order
        // (migration 008 says why). A cursor the previous page handed out names one of this actor's sets: the page
        // starts right after its version, one seek (the global_version key finds the set). Any other cursor still holds
        // through the tuple condition above; the page then reads the actor's sets from its first.
        // Every other page walks actors_journal_tx_idx in page order and filters the rows it meets. Each equality filter
        // is wrapped in coalesce(..., false), which keeps its meaning (a null comparison was not true either) but hides it
        // from the planner's estimates: read as selective, a filter made PostgreSQL collect every match (through the
        // primary key's actor_type prefix, or a sequential scan) and sort them, the whole journal for each page when the
        // filter matches most sets. PostgresJournalPlanTests measures these pages.
        AddFilter(conditions, query.EventType, "coalesce(events @> jsonb_build_array(jsonb_build_object('type', @event_type::text)), false)");
        AddFilter(conditions, query.ActorType, oneActor ? "actor_type = @actor_type" : "coalesce(actor_type = @actor_type, false)");
        AddFilter(conditions, query.ActorId, oneActor ? "actor_id = @actor_id" : "coalesce(actor_id = @actor_id, false)");
        AddFilter(conditions, query.Principal, "coalesce(principal = @principal, false)");
        AddFilter(conditions, query.After, "ts >= @after");
        AddFilter(conditions, query.Before, "ts < @before");
        if (oneActor && query.Cursor is not null)
        {
            conditions.Add("""
                version > coalesce((select c.version from actors_journal c
                    where c.global_version = @cursor_global_version and c.tx = @cursor_tx
                      and c.actor_type = @actor_type and c.actor_id = @actor_id), 0)
                """);
        }

        return $"""
            select {Columns}, actor_type, actor_id, tx from actors_journal
            where {string.Join(" and ", conditions)}
            order by {(oneActor ? "version" : "tx, global_version")}
            limit @limit
            """;
    }

    private static string Hidden(string condition, bool hide) => hide ? $"coalesce({condition}, false)" : condition;

    internal static void AddEventsParameters(NpgsqlCommand command, EventQuery query)
    {
        if (query.Cursor is not null)
        {
            var (tx, globalVersion) = PostgresCursor.ParseEvent(query.Cursor);
            command.Parameters.AddWithValue("cursor_tx", NpgsqlDbType.Xid8, tx);
            command.Parameters.AddWithValue("cursor_global_version", globalVersion);
        }

        AddFilterParameters(command, query.EventType, query.ActorType, query.ActorId, query.Principal, query.After, query.Before);
        command.Parameters.AddWithValue("limit", query.Limit);
    }

    // Read-your-writes for the event feed: wait (at most a second) until every set visible now is below the
    // horizon, so a set acknowledged before this read began is in it. PostgreSQL cannot block on another
    // session's transaction, so the server re-checks its snapshot; in the common case the loop never runs.
    private const string CatchUpSql = """
        do $$
        declare
            deadline timestamptz := clock_timestamp() + interval '1 second';
            newest xid8 := (select max(tx) from actors_journal);
        begin
            while newest is not null and pg_snapshot_xmin(pg_current_snapshot()) <= newest and clock_timestamp() < deadline loop
                perform pg_sleep(0.001);
            end loop;
        end
        $$
        """;

    private async Task CatchUpWithHorizonAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(CatchUpSql);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (PostgresExceptionTransformer.Transform(exception, null) is { } translated)
        {
            throw translated;
        }
    }

    private static void AddFilter<T>(List<string> conditions, T? value, string condition)
    {
        if (value is not null)
        {
            conditions.Add(condition);
        }
    }

    /// <summary>The parameters of the filters <see cref="AddFilter"/> added; the names match the conditions'.</summary>
    private static void AddFilterParameters(
        NpgsqlCommand command,
        string? eventType,
        string? actorType,
        string? actorId,
        string? principal,
        DateTimeOffset? after,
        DateTimeOffset? before)
    {
        AddIfGiven(command, "event_type", eventType);
        AddIfGiven(command, "actor_type", actorType);
        AddIfGiven(command, "actor_id", actorId);
        AddIfGiven(command, "principal", principal);
        if (after is { } from)
        {
            command.Parameters.AddWithValue("after", NpgsqlDbType.TimestampTz, Microseconds.Truncate(from));
        }

        if (before is { } to)
        {
            command.Parameters.AddWithValue("before", NpgsqlDbType.TimestampTz, Microseconds.Truncate(to));
        }
    }

    private static void AddIfGiven(NpgsqlCommand command, string name, string? value)
    {
        if (value is not null)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
