using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Gateway.Application;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Grains;
using Actors.Grains.Snapshots;
using Actors.Abstractions;
using Microsoft.AspNetCore.Builder;
using Actors.Gateway.OpenApi;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// Every actor of a type: <c>GET /resources/actors/{type}?asOf=|atVersion=</c> (paged, in id order) and
/// compliance snapshots <c>POST /resources/actors/{type}/snapshots</c>, <c>GET /resources/snapshots/{id}[/data]</c>.
/// </summary>
public static class ActorListApi
{
    private const string WherePrefix = "where.";
    private const string SnapshotIdPrefix = "snap-";
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(20);

    public static IEndpointRouteBuilder MapActorListApi(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/resources").RequireAuthorization();
        resources.MapGet("/actors/{type}", ListAsync)
            .Describe("listings", "list{Actor}s", "Every {actor}, now or as it was at a point",
                "Every {actor} as it was at ?asOf= or ?atVersion= (now without either), in id order, paged, filtered by where.<field>=<value>.")
            .Query("asOf", "A timestamp: the actors as they were then.", D.String("date-time"))
            .Query("atVersion", "A global version: the actors as they were then.", new JsonObject { ["type"] = "integer", ["minimum"] = 0 })
            .Paged(100)
            .PerActorType((operation, type) =>
            {
                var parameters = operation["parameters"]!.AsArray();
                foreach (var field in type.ScalarFields)
                {
                    parameters.Add(new JsonObject
                    {
                        ["name"] = $"where.{field}",
                        ["in"] = "query",
                        ["description"] = $"Only actors whose {field} is this value.",
                        ["required"] = false,
                        ["schema"] = D.String(),
                    });
                }
            })
            .Answers(StatusCodes.Status200OK, "A page of actors.", D.Object(null, ["data", "nextCursor"],
                ("data", D.ArrayOf(D.Ref("{Actor}State"))),
                ("nextCursor", D.Described(D.NullableString(), "Pass as cursor for the next page; null at the end."))))
            .Refuses(400, 401, 403, 500, 503);
        resources.MapPost("/actors/{type}/snapshots", StartSnapshotAsync)
            .Describe("snapshots", "start{Actor}Snapshot", "Export every {actor} as it was at a time",
                "Starts a compliance snapshot job; poll GET /resources/snapshots/{snapshotId}, then fetch its data as NDJSON. Audited.")
            .Body(D.Object(null, ["at"], ("at", D.String("date-time")), ("reason", D.String())))
            .Answers(StatusCodes.Status202Accepted, "The job is started.", D.Object(null, ["snapshotId", "status"], ("snapshotId", D.String()), ("status", D.String())),
                headers: new JsonObject { ["Location"] = D.HeaderSchema("The job's status URL.") })
            .Refuses(400, 401, 403, 413, 500, 503);
        resources.MapGet("/snapshots/{snapshotId}", GetSnapshotAsync)
            .Describe("snapshots", "getSnapshot", "A snapshot job's status",
                "pending, running, completed or failed, with the number of actors written. ?waitSeconds=N answers as soon as the job finishes, or after N seconds.")
            .Query("waitSeconds", "Wait up to this many seconds (at most 60) for the job to finish.", new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 60 })
            .Answers(StatusCodes.Status200OK, "The job's status.", D.Object(null, ["snapshotId", "status", "actorType", "at", "principal", "createdAt", "count"],
                ("snapshotId", D.String()),
                ("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("pending", "running", "completed", "failed") }),
                ("actorType", D.String()), ("at", D.String()), ("reason", D.NullableString()), ("principal", D.String()), ("createdAt", D.String()),
                ("completedAt", D.NullableString()), ("count", D.Integer()), ("error", D.NullableString())))
            .Refuses(400, 401, 403, 404, 500);
        resources.MapGet("/snapshots/{snapshotId}/data", GetSnapshotDataAsync)
            .Describe("snapshots", "getSnapshotData", "A completed snapshot's data",
                "One actor state per line (NDJSON), masked unless the token may see personal data. Audited as an export.")
            .Answers(StatusCodes.Status200OK, "One JSON state per line.", D.String(), "application/x-ndjson")
            .Refuses(401, 403, 404, 409, 500, 503);
        return app;
    }

    /// <summary>Every actor of the type as it was at <c>?asOf=</c> or <c>?atVersion=</c> (now without either), filtered by <c>where.&lt;field&gt;=</c>.</summary>
    public static async Task<IResult> ListAsync(string type, HttpContext http, AsOfReader reader, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var query = new ActorListQuery(
            type, QueryParameters.Time(request, "asOf"), QueryParameters.Integer(request, "atVersion", 0, long.MaxValue), Where(request),
            (int)(QueryParameters.Integer(request, "limit", 1, ActorListing.MaxLimit) ?? ActorListing.DefaultLimit), QueryParameters.Text(request, "cursor", 1024));
        var (page, tier) = await ActorListing.ReadAsync(Caller.Of(http), reader, query, cancellationToken);
        HistoryHeaders.SetTier(http, tier);
        return ActorsApi.Json(page);
    }

    /// <summary>Starts a snapshot of every actor of the type as of <c>at</c>: 202 with its id and status.</summary>
    public static async Task<IResult> StartSnapshotAsync(
        string type, HttpContext http, IGrainFactory grains, IJournalStore store, TimeProvider time, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        ActorAccess.Resolve(type);
        var caller = Caller.Of(http);
        Access.Require(caller, type, "read", "A snapshot");
        var body = await BatchReader.ReadObjectAsync(http.Request, options.Value, "", cancellationToken);
        foreach (var (field, _) in body)
        {
            if (field is not ("at" or "reason"))
            {
                throw ActorException.Invalid($"Unknown field '{field}': a snapshot takes 'at' and 'reason'.");
            }
        }

        var at = body["at"] is JsonValue a && a.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse((string)a!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? Timestamps.Truncate(parsed)
            : throw ActorException.Invalid("Field 'at' is required: an ISO 8601 timestamp such as 2025-01-15T10:30:00Z.");
        var reason = body["reason"] switch
        {
            null => null,
            JsonValue r when r.GetValueKind() == JsonValueKind.String => (string)r!,
            _ => throw ActorException.Invalid("Field 'reason' must be a string."),
        };
        var snapshotId = $"{SnapshotIdPrefix}{Guid.CreateVersion7():N}";
        var status = await grains.GetGrain<ISnapshotJobGrain>(snapshotId).StartAsync(new SnapshotJobRequest(type, at, reason, caller.Principal), cancellationToken);
        var target = new JsonObject { ["snapshotId"] = snapshotId, ["at"] = Timestamps.Format(at) };
        await store.AppendAuditAsync(Audit(time, caller, "snapshot", type, target, reason), cancellationToken);
        http.Response.Headers.Location = $"/resources/snapshots/{snapshotId}";
        return ActorsApi.Json(new JsonObject { ["snapshotId"] = snapshotId, ["status"] = status.Status }, StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// A snapshot's status: pending, running, completed or failed, with the number of actors written.
    /// <c>?waitSeconds=N</c> (at most 60) answers as soon as the job finishes, or after N seconds.
    /// </summary>
    public static async Task<IResult> GetSnapshotAsync(
        string snapshotId, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = FindSnapshot(grains, snapshotId);
        var status = await job.GetStatusAsync(cancellationToken) ?? throw SnapshotNotFound(snapshotId);
        Access.Require(Caller.Of(http), status.ActorType, "read", "A snapshot");
        if (QueryParameters.Integer(http.Request, "waitSeconds", 0, 60) is > 0 and var seconds)
        {
            // In slices well inside Orleans' response timeout (30 s); a wait also ends early when the job's activation
            // moves (its silo stops), and the next slice reaches the job wherever it runs now.
            var deadline = time.GetUtcNow().AddSeconds(seconds);
            while (!status.Finished && deadline - time.GetUtcNow() is { Ticks: > 0 } left)
            {
                status = await job.WaitAsync(left < WaitSlice ? left : WaitSlice, cancellationToken) ?? throw SnapshotNotFound(snapshotId);
            }
        }

        return ActorsApi.Json(SnapshotJson(status));
    }

    /// <summary>A completed snapshot's data, one actor per line (NDJSON), masked unless the caller may see personal data.</summary>
    public static async Task GetSnapshotDataAsync(
        string snapshotId, HttpContext http, IGrainFactory grains, IJournalStore store, ISnapshotDataStore data, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = await FindSnapshot(grains, snapshotId).GetStatusAsync(cancellationToken) ?? throw SnapshotNotFound(snapshotId);
        var type = ActorTypes.All.Find(status.ActorType)!;
        var caller = Caller.Of(http);
        Access.Require(caller, type.Name, "read", "A snapshot");
        if (status.Status != SnapshotJobStatus.Completed)
        {
            throw new ActorException(ActorErrorKind.AlreadyExists, $"Snapshot {snapshotId} is {status.Status}; its data is there once it is completed.");
        }

        await store.AppendAuditAsync(Audit(time, caller, "export", type.Name, new JsonObject { ["snapshotId"] = snapshotId }, status.Reason), cancellationToken);
        http.Response.ContentType = "application/x-ndjson";
        for (var chunk = 0; chunk < status.Chunks; chunk++)
        {
            var lines = await data.ReadSnapshotChunkAsync(snapshotId, chunk, cancellationToken)
                ?? throw new InvalidOperationException($"Chunk {chunk} of completed snapshot {snapshotId} is missing.");
            foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var state = Access.Mask(caller, type, JsonNode.Parse(line))!;
                await http.Response.WriteAsync(state.ToJsonString() + "\n", cancellationToken);
            }
        }
    }

    /// <summary>The job of a snapshot id this gateway could have made; any other id is no snapshot (404) without asking a grain.</summary>
    private static ISnapshotJobGrain FindSnapshot(IGrainFactory grains, string snapshotId) =>
        snapshotId.StartsWith(SnapshotIdPrefix, StringComparison.Ordinal) && snapshotId.Length == SnapshotIdPrefix.Length + 32
            && snapshotId[SnapshotIdPrefix.Length..].All(char.IsAsciiHexDigitLower)
            ? grains.GetGrain<ISnapshotJobGrain>(snapshotId)
            : throw SnapshotNotFound(snapshotId);

    private static ActorException SnapshotNotFound(string snapshotId) =>
        ActorException.NotFound($"There is no snapshot '{QueryParameters.Shorten(snapshotId)}'.");

    /// <summary>A snapshot's status as the API answers it.</summary>
    private static JsonObject SnapshotJson(SnapshotJobStatus status) => new()
    {
        ["snapshotId"] = status.SnapshotId,
        ["status"] = status.Status,
        ["actorType"] = status.ActorType,
        ["at"] = Timestamps.Format(status.At),
        ["reason"] = status.Reason,
        ["principal"] = status.Principal,
        ["createdAt"] = Timestamps.Format(status.CreatedAt),
        ["completedAt"] = status.CompletedAt is { } completedAt ? Timestamps.Format(completedAt) : null,
        ["count"] = status.Count,
        ["error"] = status.Error,
    };

    /// <summary>The <c>where.&lt;field&gt;=</c> parameters by field; <see cref="ActorListing"/> checks the fields.</summary>
    private static Dictionary<string, string> Where(HttpRequest request)
    {
        var where = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            if (key.StartsWith(WherePrefix, StringComparison.Ordinal))
            {
                where[key[WherePrefix.Length..]] = value.ToString();
            }
        }

        return where;
    }

    private static AuditRecord Audit(TimeProvider time, Caller caller, string operation, string actorType, JsonObject target, string? reason)
    {
        var now = time.GetUtcNow();
        return new AuditRecord(Guid.CreateVersion7(now), Timestamps.Truncate(now), caller.Principal, operation, actorType, null, target.ToJsonString(), reason);
    }
}
