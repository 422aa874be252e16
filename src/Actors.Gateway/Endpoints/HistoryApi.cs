using Actors.Grains;
using System.Buffers;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Gateway.Application;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Microsoft.AspNetCore.Builder;
using Actors.Gateway.OpenApi;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Endpoints;

/// <summary>One actor's history over GET and SSE: <c>/history</c>, <c>/diff</c>, <c>/restore</c>, <c>/replay</c>.</summary>
public static class HistoryApi
{
    /// <summary>How long a following replay waits for a commit before it sends a keep-alive comment.</summary>
    public static readonly TimeSpan FollowWaitInterval = TimeSpan.FromSeconds(5);

    /// <summary>How soon a client should reconnect when a following replay ends because its silo is stopping.</summary>
    public static readonly TimeSpan StoppingRetry = TimeSpan.FromSeconds(1);

    private const int ReplayPage = 256;

    /// <summary>The comment a following replay sends while the actor is idle.</summary>
    private static readonly byte[] KeepAlive = ": waiting\n\n"u8.ToArray();

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var actor = app.MapGroup("/resources/actors/{type}/{id}").RequireAuthorization();
        actor.MapGet("/history", GetHistoryAsync)
            .Describe("history", "get{Actor}History", "{An-actor}'s history, or its state at a time",
                "getHistory over GET: checkpoints oldest first with old and new values, paged by limit and offset. " +
                "With ?at= it is getState instead: the state as it was then (null before the actor existed).")
            .Query("limit", "Page size, 1-1000.", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1000 })
            .Query("offset", "Checkpoints to skip.", new JsonObject { ["type"] = "integer", ["minimum"] = 0 })
            .Query("at", "A timestamp: answer the state as it was then instead.", D.String("date-time"))
            .Answers(StatusCodes.Status200OK, "A page of history, or with ?at= the state then.",
                new JsonObject { ["anyOf"] = new JsonArray(D.Ref("HistoryPage"), D.Nullable(D.Ref("{Actor}State"))) }, headers: D.HistoryHeaders())
            .Refuses(400, 401, 403, 404, 410, 500, 503);
        actor.MapGet("/diff", GetDiffAsync)
            .Describe("history", "get{Actor}Diff", "What changed in {an-actor} between two points",
                "diff over GET: fields added, changed (from, to) and removed between two points.")
            .Query("from", "The earlier point: a version, a checkpoint id or a timestamp.", Point(), required: true)
            .Query("to", "The later point: a version, a checkpoint id or a timestamp.", Point(), required: true)
            .Answers(StatusCodes.Status200OK, "The difference.", D.Ref(SharedSchemas.Diff), headers: D.HistoryHeaders())
            .Refuses(400, 401, 403, 404, 410, 500, 503);
        actor.MapPost("/restore", RestoreAsync)
            .Describe("history", "restore{Actor}", "Restore {an-actor} to a past point, with a reason",
                "A rewind carrying its reason: a new REWIND checkpoint (history is never removed), audited as a restore. The reason is " +
                "optional unless the server sets Actors:History:RequireReason, as for every rewind. " +
                "Needs rewind permission. Answers 201 with the restored state.")
            .Body(D.Object("Exactly one of at, checkpointId or version, and why.", [],
                ("at", D.String("date-time")),
                ("checkpointId", D.String("uuid")),
                ("version", new JsonObject { ["type"] = "integer", ["minimum"] = 0 }),
                ("reason", new JsonObject { ["type"] = "string", ["minLength"] = 1 }),
                ("fields", D.Described(D.ArrayOf(D.String()), "Restore only these fields."))))
            .Answers(StatusCodes.Status201Created, "The restored state.", D.Ref("{Actor}State"), headers: D.ETag())
            .Refuses(400, 401, 403, 404, 410, 413, 422, 500, 503);
        actor.MapGet("/replay", ReplayAsync)
            .Describe("history", "replay{Actor}", "Stream {an-actor}'s checkpoints as server-sent events",
                "text/event-stream with one 'mutation' event per checkpoint from fromVersion (id: the version; data: a JSON object with " +
                "checkpointId, version, globalVersion, timestamp, principal, operation, reason, metadata and events). " +
                "With follow=true the stream stays open and sends new checkpoints as they commit; reconnect with Last-Event-ID. " +
                "Without fromVersion it starts where the actor's history starts; checkpoints below the boundary come from the archive " +
                "(Actors-History-Tier: archive); a fromVersion before a pruned boundary is 410.")
            .Query("fromVersion", "The first version to send (default: where history starts, 1 unless pruned).", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["default"] = 1 })
            .Query("follow", "Keep the stream open for new checkpoints.", D.Flag())
            .Header("Last-Event-ID", "Resume after this version (the id of the last event received).")
            .Answers(StatusCodes.Status200OK, "The event stream.", D.String(), "text/event-stream", D.HistoryHeaders())
            .Refuses(400, 401, 403, 404, 410, 500, 503);
        return app;
    }

    private static JsonObject Point() => new()
    {
        ["type"] = "string",
        ["description"] = "A version (digits), a checkpoint id or a timestamp.",
    };

    /// <summary><c>getHistory</c> over GET (<c>?limit&amp;offset</c>), or <c>getState</c> with <c>?at=</c>.</summary>
    public static async Task<IResult> GetHistoryAsync(string type, string id, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        string message;
        if (QueryParameters.Time(http.Request, "at") is { } at)
        {
            message = "getState";
            body["asOf"] = Timestamps.Format(at);
        }
        else
        {
            message = "getHistory";
            body["limit"] = QueryParameters.Integer(http.Request, "limit", 1, 1000);
            body["offset"] = QueryParameters.Integer(http.Request, "offset", 0, long.MaxValue);
        }

        return await AnswerOneAsync(http, grains, type, id, message, body, cancellationToken);
    }

    /// <summary><c>diff</c> over GET: <c>?from&amp;to</c>, each a version, a checkpoint id or a timestamp.</summary>
    public static async Task<IResult> GetDiffAsync(string type, string id, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["from"] = Point(http.Request, "from"), ["to"] = Point(http.Request, "to") };
        return await AnswerOneAsync(http, grains, type, id, "diff", body, cancellationToken);
    }

    /// <summary>
    /// Restores the actor to a past point: a REWIND mutation set carrying the reason, audited as a restore. Answers 201
    /// with the restored state. Whether a reason is required is the actor's rule (<c>Actors:History:RequireReason</c>), as for
    /// every rewind.
    /// </summary>
    public static async Task<IResult> RestoreAsync(string type, string id, HttpContext http, IGrainFactory grains, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var descriptor = ActorAccess.Resolve(type, id);
        var bytes = await BatchReader.ReadBodyAsync(http.Request, options.Value, cancellationToken);
        var body = BatchReader.ParseObject(bytes, options.Value, ": { \"at\" | \"checkpointId\" | \"version\", \"reason\" }");

        var everything = ActorCalls.Everything(descriptor);
        // A restore may be retried safely: with an Idempotency-Key a repeat answers the first restore.
        var request = new BatchRequest(
            [Message("rewind", body), Message("query", everything)], Caller.Of(http).Principal,
            ExpectedVersion: ActorsApi.ExpectedVersion(http.Request.Headers.IfMatch),
            IdempotencyKey: ActorsApi.IdempotencyKey(http.Request.Headers, options.Value),
            RequestHash: ActorsApi.RequestHash(type, id, preview: false, bytes),
            Restore: true);
        var (result, _) = await ActorsApi.RunAsync(http, grains, type, id, request, cancellationToken);
        return ActorsApi.Json(Access.Mask(Caller.Of(http), descriptor, result.Results[^1].Result), StatusCodes.Status201Created);
    }

    /// <summary>
    /// <c>text/event-stream</c> of mutation sets from <c>?fromVersion</c> (or after <c>Last-Event-ID</c>); with
    /// <c>?follow=true</c> the stream stays open and sends each new mutation set as it commits, until the client goes away
    /// or this silo stops: then the stream ends, and the client reconnects (to another silo) with <c>Last-Event-ID</c>.
    /// </summary>
    public static async Task ReplayAsync(
        string type, string id, HttpContext http, IGrainFactory grains, IJournalStore store, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var descriptor = ActorAccess.Resolve(type, id);
        var caller = Caller.Of(http);
        Access.Require(caller, type, "read", "Replay");
        var key = new ActorKey(type, id);

        // Without fromVersion the stream starts where history starts; a version before that was pruned (410, before any
        // event is sent). Sets below the boundary come from the archive, which the headers say.
        var start = await store.GetHistoryStartAsync(key, cancellationToken);
        var next = QueryParameters.Integer(http.Request, "fromVersion", 1, long.MaxValue) ?? start?.EarliestVersion ?? 1;
        if (http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId)
        {
            next = long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                ? last + 1
                : throw ActorException.Invalid("Last-Event-ID must be a version this stream sent.");
        }

        var follow = QueryParameters.Flag(http.Request, "follow");
        if (!follow && await store.GetVersionAsync(key, cancellationToken) == 0)
        {
            throw ActorException.NotFound($"{type} {id} does not exist.");
        }

        if (start is not null)
        {
            if (next < start.EarliestVersion)
            {
                throw HistoryPrunedException.Of(key, start.EarliestVersion, start.EarliestTimestamp!.Value);
            }

            HistoryHeaders.SetStart(http, start);
            HistoryHeaders.SetTier(http, next < start.BoundaryVersion ? HistoryTier.Archive : HistoryTier.Hot);
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.Body.FlushAsync(cancellationToken);

        // A stopping host waits for open requests before it stops Orleans, all within one shutdown timeout (30 s): a
        // following stream left open would hold the stop that long and leave Orleans no time to hand its actors over.
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var token = streaming.Token;
        var body = http.Response.Body;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var sets = await store.ReadAsync(key, next - 1, long.MaxValue, ReplayPage, token);
                await SseFormatter.WriteAsync(
                    sets.Select(set => new SseItem<JsonNode>(Access.Mask(caller, descriptor, ReplayEvent(set))!, "mutation") { EventId = Version(set.Version) }).ToAsyncEnumerable(),
                    body, WriteJson, token);
                if (sets.Count > 0)
                {
                    next = sets[^1].Version + 1;
                }

                await body.FlushAsync(token);
                if (sets.Count == ReplayPage)
                {
                    continue;
                }

                if (!follow)
                {
                    return;
                }

                // The actor's grain answers when its version passes the last one sent, wherever it is activated, or after
                // the interval: then a comment keeps the connection (and proxies) from timing out. SseFormatter writes
                // events only, so the comment (like the stop hint below) is written as its one line.
                var grain = grains.GetActor(type, id);
                if (await GrainCalls.RunAsync(() => grain.WaitForVersionAsync(next - 1, FollowWaitInterval, token), repeatable: true, token) < next)
                {
                    await body.WriteAsync(KeepAlive, token);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: the stream simply ends.
            return;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // This silo is stopping (below).
        }
        catch (Exception e) when (ProblemCatalog.IsUnavailable(e))
        {
            // The headers are gone; say it in the stream. The client reconnects with Last-Event-ID and misses nothing.
            var error = new JsonObject { ["status"] = 503, ["detail"] = ProblemCatalog.UnavailableDetail(e) };
            await SseFormatter.WriteAsync(AsyncEnumerable.Repeat(new SseItem<JsonNode>(error, "error"), 1), body, WriteJson, CancellationToken.None);
            return;
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The stream ends cleanly: an EventSource reconnects by itself after the retry delay, with the Last-Event-ID of
            // the last set it received, and goes on where it stopped (through another silo behind the same address). A
            // retry field without an event, which SseFormatter cannot write (it puts retry on an event), so written as is.
            await body.WriteAsync(Encoding.UTF8.GetBytes($"retry: {StoppingRetry.TotalMilliseconds:0}\n: this silo is stopping; reconnect with Last-Event-ID\n\n"), CancellationToken.None);
        }
    }

    private static string Version(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>An event's data: its JSON on one line (no line breaks, so one <c>data:</c> field).</summary>
    private static void WriteJson(SseItem<JsonNode> item, IBufferWriter<byte> buffer)
    {
        using var json = new Utf8JsonWriter(buffer);
        item.Data.WriteTo(json);
    }

    /// <summary>One mutation set as a replay event.</summary>
    public static JsonObject ReplayEvent(MutationSetRecord set) => new()
    {
        ["checkpointId"] = set.CheckpointId.ToString(),
        ["version"] = set.Version,
        ["globalVersion"] = set.GlobalVersion,
        ["timestamp"] = Timestamps.Format(set.Timestamp),
        ["principal"] = set.Principal,
        ["operation"] = set.Operation,
        ["reason"] = set.Reason,
        ["metadata"] = JsonNode.Parse(set.Metadata),
        ["events"] = JsonNode.Parse(set.Events),
    };

    private static async Task<IResult> AnswerOneAsync(HttpContext http, IGrainFactory grains, string type, string id, string message, JsonObject body, CancellationToken cancellationToken)
    {
        var request = new BatchRequest([Message(message, body)], Caller.Of(http).Principal);
        var (result, descriptor) = await ActorsApi.RunAsync(http, grains, type, id, request, cancellationToken);
        return ActorsApi.Json(Access.Mask(Caller.Of(http), descriptor, result.Results[0].Result));
    }

    private static ActorMessage Message(string type, JsonObject body) => ActorCalls.Message(type, body);

    /// <summary>A diff point from the query string: digits are a version; anything else goes as a string (checkpoint id or time).</summary>
    private static JsonNode Point(HttpRequest request, string name)
    {
        var text = QueryParameters.Text(request, name) ?? throw ActorException.Invalid($"Query parameter '{name}' is required: a version, a checkpoint id or a timestamp.");
        return ActorCalls.DiffPoint(text);
    }
}
