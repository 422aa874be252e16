using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Gateway.Application;
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
    /// principal and time, in a stable order, with a cursor that resumes where a page ended (<see cref="EventFeed"/>).
    /// </summary>
    public static async Task<IResult> GetEventsAsync(HttpContext http, IJournalStore store, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var query = new EventFeedQuery(
            QueryParameters.Text(request, "type"), QueryParameters.Text(request, "actorType"), QueryParameters.Text(request, "actorId"),
            QueryParameters.Text(request, "principal"), QueryParameters.Time(request, "after"), QueryParameters.Time(request, "before"),
            (int)(QueryParameters.Integer(request, "limit", 1, EventFeed.MaxLimit) ?? EventFeed.DefaultLimit), QueryParameters.Text(request, "cursor", 1024));
        var (page, tier) = await EventFeed.ReadAsync(Caller.Of(http), store, query, cancellationToken);
        HistoryHeaders.SetTier(http, tier);
        return ActorsApi.Json(page);
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
}
