using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Grains;
using Actors.Abstractions;
using Microsoft.AspNetCore.Builder;
using Actors.Gateway.OpenApi;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Actors.Gateway.Endpoints;

/// <summary>Across actors: <c>GET /resources/events</c> and <c>GET /resources/version</c>.</summary>
public static class EventsApi
{
    private const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/resources").RequireAuthorization();
        resources.MapGet("/events", GetEventsAsync)
            .Describe("events", "getEvents", "Events across actors",
                "Stored events in a stable order, filtered by event type (Order.TagAdded, or Order.* for every order event), actor, principal and time.")
            .Query("type", "An event type (Order.TagAdded) or every event of a type (Order.*).", D.String())
            .ActorFilters()
            .Paged(100)
            .Answers(StatusCodes.Status200OK, "A page of events.", D.Object(null, ["data", "nextCursor", "hasMore"],
                ("data", D.ArrayOf(D.Object(null, ["eventId", "type", "actorType", "actorId", "version", "globalVersion", "timestamp", "principal", "data"],
                    ("eventId", D.String()), ("type", D.String()), ("actorType", D.String()), ("actorId", D.String()), ("version", D.Integer()),
                    ("globalVersion", D.Integer()), ("timestamp", D.String()), ("principal", D.String()), ("data", new JsonObject())))),
                ("nextCursor", D.String()),
                ("hasMore", new JsonObject { ["type"] = "boolean" })),
                headers: new JsonObject { ["Actors-History-Tier"] = D.HeaderSchema("archive when any event of the page came from the archive tier, else hot.") })
            .Refuses(400, 401, 403, 410, 500, 503);
        resources.MapGet("/version", GetVersionAsync)
            .Describe("events", "getVersion", "The global version",
                "The number of the last checkpoint across all actors, or with ?at= the last one at or before that time (null if none).")
            .Query("at", "A timestamp.", D.String("date-time"))
            .Answers(StatusCodes.Status200OK, "The version.", D.Object(null, ["version"], ("version", new JsonObject { ["type"] = new JsonArray("integer", "null") })))
            .Refuses(400, 401, 500, 503);
        return app;
    }

    /// <summary>The filters events and audit records share: actor type and id, principal, time.</summary>
    public static RouteHandlerBuilder ActorFilters(this RouteHandlerBuilder builder) => builder
        .Query("actorType", "Only this actor type (order).", D.String())
        .Query("actorId", "Only this actor.", D.String())
        .Query("principal", "Only what this principal did.", D.String())
        .Query("after", "Only after this time.", D.String("date-time"))
        .Query("before", "Only before this time.", D.String("date-time"));

    /// <summary>
    /// Events across actors, filtered by event type (<c>Order.TagAdded</c> or <c>Order.*</c>), actor type and id,
    /// principal and time, in a stable order, with a cursor that resumes where a page ended.
    /// </summary>
    public static async Task<IResult> GetEventsAsync(HttpContext http, IJournalStore store, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http);
        var request = http.Request;
        var (eventType, actorType, matchesNothing) = ResolveTypes(QueryParameters.Text(request, "type"), QueryParameters.Text(request, "actorType"));
        if (actorType is null)
        {
            Access.RequireEverywhere(caller, "read", "Reading events");
        }
        else
        {
            Access.Require(caller, actorType, "read", "Reading events");
        }

        var limit = (int)(QueryParameters.Integer(request, "limit", 1, 1000) ?? DefaultLimit);
        using var tier = HistoryTier.Scope();
        http.Response.OnStarting(() =>
        {
            HistoryHeaders.SetTier(http, tier.Tier);
            return Task.CompletedTask;
        });
        var (storeCursor, skip) = DecodeCursor(QueryParameters.Text(request, "cursor", 1024));
        var filter = new EventQuery(
            eventType, actorType, QueryParameters.Text(request, "actorId"), QueryParameters.Text(request, "principal"),
            QueryParameters.Time(request, "after"), QueryParameters.Time(request, "before"), limit, storeCursor);

        var events = new JsonArray();
        if (matchesNothing)
        {
            // An order event is never a payment's: the answer is empty, not an error.
            return Page(events, QueryParameters.Text(request, "cursor", 1024), hasMore: false);
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
                        return Page(events, EncodeCursor(storeCursor, i), hasMore: true);
                    }

                    events.Add(matching[i]);
                }

                skip = 0;
                storeCursor = entry.CursorAfter;
            }
        }

        return Page(events, EncodeCursor(storeCursor, 0), more);
    }

    /// <summary>The global version now, or the last one at or before <c>?at=</c> (null if none).</summary>
    public static async Task<IResult> GetVersionAsync(HttpContext http, IJournalStore store, CancellationToken cancellationToken)
    {
        var at = QueryParameters.Time(http.Request, "at");
        using var tier = HistoryTier.Scope();
        var version = await store.GetGlobalVersionAsync(at is null ? null : Timestamps.Truncate(at.Value), cancellationToken);
        HistoryHeaders.SetTier(http, tier.Tier);
        return ActorsApi.Json(new JsonObject { ["version"] = at is null ? version ?? 0 : version });
    }

    private static IResult Page(JsonArray events, string? cursor, bool hasMore) =>
        ActorsApi.Json(new JsonObject { ["data"] = events, ["nextCursor"] = cursor, ["hasMore"] = hasMore });

    /// <summary>The events of one mutation set as the endpoint answers them, masked for the caller.</summary>
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
            ?? throw ActorException.Invalid($"Unknown event type '{QueryParameters.Shorten(type)}'. Use Type.Event or Type.*, where Type is one of {string.Join(", ", ActorTypes.All.All.Select(t => t.EventPrefix))}.");
        if (type == $"{prefix}.*")
        {
            return (null, descriptor.Name, actorType is not null && actorType != descriptor.Name);
        }

        return descriptor.EventTypes.Contains(type)
            ? (type, descriptor.Name, actorType is not null && actorType != descriptor.Name)
            : throw ActorException.Invalid($"Unknown event type '{QueryParameters.Shorten(type)}'. {descriptor.Name} events are {string.Join(", ", descriptor.EventTypes.Order(StringComparer.Ordinal))}, or {prefix}.*.");
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
            : throw ActorException.Invalid("Query parameter 'cursor' is not a cursor this server gave.");
    }
}
