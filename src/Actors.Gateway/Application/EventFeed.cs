using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Grains;

namespace Actors.Gateway.Application;

/// <summary>
/// The stored events across actors, filtered, paged and masked for the caller: what <c>GET /resources/events</c> and the
/// MCP <c>search</c> tool answer, <c>{ data, nextCursor, hasMore }</c>.
/// </summary>
public static class EventFeed
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>A page of events for <paramref name="caller"/>, and the tier (hot or archive) that served it.</summary>
    /// <exception cref="PermissionDeniedException">The caller may not read the actor type (every type, when none is named).</exception>
    public static async Task<(JsonObject Page, string Tier)> ReadAsync(Caller caller, IJournalStore store, EventFeedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var (eventType, actorType, matchesNothing) = ResolveTypes(query.Type, query.ActorType);
        if (actorType is null)
        {
            Access.RequireEverywhere(caller, "read", "Reading events");
        }
        else
        {
            Access.Require(caller, actorType, "read", "Reading events");
        }

        var limit = query.Limit is >= 1 and <= MaxLimit
            ? query.Limit
            : throw ActorException.Invalid($"'limit' must be an integer from 1 to {MaxLimit}, not {query.Limit}.");
        using var tier = HistoryTier.Scope();
        var (storeCursor, skip) = DecodeCursor(query.Cursor);
        var filter = new EventQuery(eventType, actorType, query.ActorId, query.Principal, query.After, query.Before, limit, storeCursor);

        var events = new JsonArray();
        if (matchesNothing)
        {
            // An order event is never a payment's: the answer is empty, not an error.
            return (Page(events, query.Cursor, hasMore: false), tier.Tier);
        }

        var more = true;
        while (events.Count < limit && more)
        {
            var page = await Cursor.GuardAsync(() => store.ReadEventsAsync(filter with { Cursor = storeCursor }, cancellationToken));
            more = page.Entries.Count == limit;
            foreach (var entry in page.Entries)
            {
                var matching = Expand(caller, entry.MutationSet).Where(e => eventType is null || (string?)e["type"] == eventType).ToList();
                for (var i = skip; i < matching.Count; i++)
                {
                    if (events.Count == limit)
                    {
                        // Stop inside this set: the cursor points before it and skips what was answered.
                        return (Page(events, EncodeCursor(storeCursor, i), hasMore: true), tier.Tier);
                    }

                    events.Add(matching[i]);
                }

                skip = 0;
                storeCursor = entry.CursorAfter;
            }
        }

        return (Page(events, EncodeCursor(storeCursor, 0), more), tier.Tier);
    }

    private static JsonObject Page(JsonArray events, string? cursor, bool hasMore) =>
        new() { ["data"] = events, ["nextCursor"] = cursor, ["hasMore"] = hasMore };

    /// <summary>The events of one mutation set as the feed answers them, masked for the caller.</summary>
    private static IEnumerable<JsonObject> Expand(Caller caller, MutationSetRecord set)
    {
        var descriptor = ActorTypes.All.Find(set.Actor.Type);
        var events = JsonNode.Parse(set.Events)!.AsArray();
        for (var i = 0; i < events.Count; i++)
        {
            var data = events[i]!["data"]?.DeepClone();
            yield return new JsonObject
            {
                ["eventId"] = $"{set.CheckpointId}/{i}",
                ["type"] = (string?)events[i]!["type"],
                ["actorType"] = set.Actor.Type,
                ["actorId"] = set.Actor.Id,
                ["version"] = set.Version,
                ["globalVersion"] = set.GlobalVersion,
                ["timestamp"] = Timestamps.Format(set.Timestamp),
                ["principal"] = set.Principal,
                ["data"] = descriptor is null ? data : Access.Mask(caller, descriptor, data),
            };
        }
    }

    /// <summary>
    /// Splits <c>type</c> into an exact event name and an actor type: <c>Order.*</c> is every event of orders,
    /// which is the actor type <c>order</c>. Unknown names are 400s; contradicting filters match nothing.
    /// </summary>
    private static (string? EventType, string? ActorType, bool MatchesNothing) ResolveTypes(string? type, string? actorType)
    {
        if (actorType is not null)
        {
            ActorAccess.Resolve(actorType);
        }

        if (type is null)
        {
            return (null, actorType, false);
        }

        var dot = type.IndexOf('.', StringComparison.Ordinal);
        var prefix = dot < 0 ? type : type[..dot];
        var descriptor = ActorTypes.All.All.FirstOrDefault(t => t.EventPrefix == prefix)
            ?? throw ActorException.Invalid($"Unknown event type '{ActorAccess.Shorten(type)}'. Use Type.Event or Type.*, where Type is one of {string.Join(", ", ActorTypes.All.All.Select(t => t.EventPrefix))}.");
        if (type == $"{prefix}.*")
        {
            return (null, descriptor.Name, actorType is not null && actorType != descriptor.Name);
        }

        return descriptor.EventTypes.Contains(type)
            ? (type, descriptor.Name, actorType is not null && actorType != descriptor.Name)
            : throw ActorException.Invalid($"Unknown event type '{ActorAccess.Shorten(type)}'. {descriptor.Name} events are {string.Join(", ", descriptor.EventTypes.Order(StringComparer.Ordinal))}, or {prefix}.*.");
    }

    private static string EncodeCursor(string? storeCursor, int skip) =>
        Cursor.Encode($"{skip.ToString(CultureInfo.InvariantCulture)}|{storeCursor}");

    private static (string? StoreCursor, int Skip) DecodeCursor(string? cursor)
    {
        if (Cursor.Decode(cursor) is not { } text)
        {
            return (null, 0);
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && int.TryParse(text[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
            ? (bar == text.Length - 1 ? null : text[(bar + 1)..], skip)
            : throw ActorException.Invalid("'cursor' is not a cursor this server gave (a nextCursor of an earlier page).");
    }
}
