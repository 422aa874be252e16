using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Gateway.Http;
using Actors.Gateway.OpenApi;
using Actors.Gateway.Security;
using Actors.Grains;
using Actors.Grains.History;
using Actors.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// The history lifecycle's operator calls: <c>POST /resources/history/compact</c> starts a compaction job of one actor
/// type (202, like a snapshot), <c>GET /resources/history/compactions/{jobId}</c> answers its status. Both need
/// <c>actors/&lt;type&gt;:admin</c>.
/// </summary>
public static class HistoryLifecycleApi
{
    private const string JobIdPrefix = "compact-";
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(20);

    public static IEndpointRouteBuilder MapHistoryLifecycleApi(this IEndpointRouteBuilder app)
    {
        var history = app.MapGroup("/resources/history").RequireAuthorization();
        history.MapPost("/compact", CompactAsync)
            .Describe("history", "compactHistory", "Move old history of one actor type out of the hot journal",
                "Starts a compaction job (needs actors/<type>:admin): every actor of actorType with mutation sets committed before 'before' " +
                "keeps its newest such set and a snapshot after it as its boundary; older sets go to the archive tier (Parquet files, read " +
                "back transparently) or, with tier 'prune', are deleted (reads before the boundary then answer 410 history-pruned). " +
                "Expired idempotency keys are removed first. Audited as 'compact'. Poll the Location.")
            .Body(D.Object(null, ["actorType", "before", "reason"],
                ("actorType", D.String()),
                ("before", D.Described(D.String("date-time"), "Sets committed before this time leave the hot journal.")),
                ("reason", new JsonObject { ["type"] = "string", ["minLength"] = 1 }),
                ("tier", new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray("archive", "prune"),
                    ["description"] = "archive (the default when Actors:History:ArchivePath is set, or the type's configured Tier) or prune.",
                })))
            .Answers(StatusCodes.Status202Accepted, "The job is started.", D.Object(null, ["jobId", "status"], ("jobId", D.String()), ("status", D.String())),
                headers: new JsonObject { ["Location"] = D.HeaderSchema("The job's status URL.") })
            .Refuses(400, 401, 403, 404, 413, 500, 503);
        history.MapGet("/compactions/{jobId}", GetCompactionAsync)
            .Describe("history", "getCompaction", "A compaction job's status",
                "pending, running, completed or failed, with the actors whose boundary moved, the sets that left the hot journal, the archive " +
                "files written and the idempotency keys expired. Needs actors/<type>:admin. ?waitSeconds=N answers as soon as the job finishes, or after N seconds.")
            .Query("waitSeconds", "Wait up to this many seconds (at most 60) for the job to finish.", new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 60 })
            .Answers(StatusCodes.Status200OK, "The job's status.", D.Object(null, ["jobId", "status", "actorType", "before", "tier", "principal", "createdAt"],
                ("jobId", D.String()),
                ("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("pending", "running", "completed", "failed") }),
                ("actorType", D.String()), ("before", D.String("date-time")), ("tier", D.String()), ("reason", D.NullableString()),
                ("principal", D.String()), ("createdAt", D.String("date-time")), ("completedAt", D.NullableString()),
                ("actors", D.Integer()), ("sets", D.Integer()), ("files", D.Integer()), ("expiredIdempotencyKeys", D.Integer()),
                ("error", D.NullableString())))
            .Refuses(400, 401, 403, 404, 500);
        return app;
    }

    /// <summary>
    /// Starts moving the mutation sets of <c>actorType</c> committed before <c>before</c> out of the hot journal, to the
    /// archive (<c>tier: "archive"</c>, the default when an archive is configured) or pruned (<c>"prune"</c>): 202 with the
    /// job's id and status, and its address in <c>Location</c>.
    /// </summary>
    public static async Task<IResult> CompactAsync(
        HttpContext http, IGrainFactory grains, IJournalStore store, IOptions<HistoryOptions> history, TimeProvider time,
        IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http);
        var body = await BatchReader.ReadObjectAsync(http.Request, options.Value, ": { \"actorType\", \"before\", \"reason\" }", cancellationToken);
        foreach (var (field, _) in body)
        {
            if (field is not ("actorType" or "before" or "reason" or "tier"))
            {
                throw ActorException.Invalid($"Unknown field '{QueryParameters.Shorten(field)}': a compaction takes 'actorType', 'before', 'reason' and 'tier'.");
            }
        }

        var type = Text(body, "actorType") ?? throw ActorException.Invalid("Field 'actorType' is required: the actor type to compact.");
        ActorAccess.Resolve(type);
        Access.Require(caller, type, "admin", "Compacting history");
        var before = Text(body, "before") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? Timestamps.Truncate(parsed)
            : throw ActorException.Invalid("Field 'before' is required: an ISO 8601 timestamp such as 2025-01-15T10:30:00Z; sets committed before it leave the hot journal.");
        var reason = Text(body, "reason");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ActorException.Invalid("Field 'reason' is required: say why history is compacted.");
        }

        var archive = Text(body, "tier") switch
        {
            null => history.Value.Archives(type),
            HistoryOptions.ArchiveTier => true,
            HistoryOptions.PruneTier => false,
            var other => throw ActorException.Invalid($"Field 'tier' must be 'archive' or 'prune', not '{QueryParameters.Shorten(other)}'."),
        };

        var now = time.GetUtcNow();
        var jobId = $"{JobIdPrefix}{Guid.CreateVersion7(now):N}";
        var status = await grains.GetGrain<ICompactionJobGrain>(jobId).StartAsync(new CompactionJobRequest(type, before, archive, reason, caller.Principal), cancellationToken);
        var target = new JsonObject { ["jobId"] = jobId, ["before"] = Timestamps.Format(before), ["tier"] = status.Tier };
        await store.AppendAuditAsync(
            new AuditRecord(Guid.CreateVersion7(now), Timestamps.Truncate(now), caller.Principal, "compact", type, null, target.ToJsonString(), reason),
            cancellationToken);
        http.Response.Headers.Location = $"/resources/history/compactions/{jobId}";
        return ActorsApi.Json(new JsonObject { ["jobId"] = jobId, ["status"] = status.Status }, StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// A compaction job's status: pending, running, completed or failed, with what it did so far. <c>?waitSeconds=N</c> (at
    /// most 60) answers as soon as the job finishes, or after N seconds.
    /// </summary>
    public static async Task<IResult> GetCompactionAsync(string jobId, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = FindJob(grains, jobId);
        var status = await job.GetStatusAsync(cancellationToken) ?? throw NotFound(jobId);
        Access.Require(Caller.Of(http), status.ActorType, "admin", "A compaction's status");
        if (QueryParameters.Integer(http.Request, "waitSeconds", 0, 60) is > 0 and var seconds)
        {
            var deadline = time.GetUtcNow().AddSeconds(seconds);
            while (!status.Finished && deadline - time.GetUtcNow() is { Ticks: > 0 } left)
            {
                status = await job.WaitAsync(left < WaitSlice ? left : WaitSlice, cancellationToken) ?? throw NotFound(jobId);
            }
        }

        return ActorsApi.Json(StatusJson(status));
    }

    /// <summary>A job's status as the API answers it.</summary>
    private static JsonObject StatusJson(CompactionJobStatus status) => new()
    {
        ["jobId"] = status.JobId,
        ["status"] = status.Status,
        ["actorType"] = status.ActorType,
        ["before"] = Timestamps.Format(status.Before),
        ["tier"] = status.Tier,
        ["reason"] = status.Reason,
        ["principal"] = status.Principal,
        ["createdAt"] = Timestamps.Format(status.CreatedAt),
        ["completedAt"] = status.CompletedAt is { } completedAt ? Timestamps.Format(completedAt) : null,
        ["actors"] = status.Actors,
        ["sets"] = status.Sets,
        ["files"] = status.Files,
        ["expiredIdempotencyKeys"] = status.ExpiredKeys,
        ["error"] = status.Error,
    };

    /// <summary>The job of an id this gateway (or the retention policy) could have made; any other id is 404 without asking a grain.</summary>
    private static ICompactionJobGrain FindJob(IGrainFactory grains, string jobId) =>
        jobId.StartsWith(JobIdPrefix, StringComparison.Ordinal) && jobId.Length == JobIdPrefix.Length + 32
            && jobId[JobIdPrefix.Length..].All(char.IsAsciiHexDigitLower)
            ? grains.GetGrain<ICompactionJobGrain>(jobId)
            : throw NotFound(jobId);

    private static ActorException NotFound(string jobId) =>
        ActorException.NotFound($"There is no compaction '{QueryParameters.Shorten(jobId)}'.");

    private static string? Text(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => (string)value!,
        _ => throw ActorException.Invalid($"Field '{field}' must be a string."),
    };

}
