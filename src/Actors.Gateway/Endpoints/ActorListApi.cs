using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Gateway.History;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Grains;
using Actors.Abstractions;
using Microsoft.AspNetCore.Builder;
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

    public static IEndpointRouteBuilder MapActorListApi(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/resources").AddEndpointFilter<BearerAuthFilter>();
        resources.MapGet("/actors/{type}", ListAsync);
        resources.MapPost("/actors/{type}/snapshots", StartSnapshotAsync);
        resources.MapGet("/snapshots/{snapshotId}", GetSnapshotAsync);
        resources.MapGet("/snapshots/{snapshotId}/data", GetSnapshotDataAsync);
        return app;
    }

    /// <summary>Every actor of the type as it was at <c>?asOf=</c> or <c>?atVersion=</c> (now without either), filtered by <c>where.&lt;field&gt;=</c>.</summary>
    public static async Task<IResult> ListAsync(string type, HttpContext http, AsOfReader reader, CancellationToken cancellationToken)
    {
        var descriptor = ActorAccess.Resolve(type);
        var caller = BearerAuthFilter.CallerOf(http);
        Access.Require(caller, type, "read", "Listing actors");
        var request = http.Request;
        var at = QueryParameters.Time(request, "asOf");
        var atVersion = QueryParameters.Integer(request, "atVersion", 0, long.MaxValue);
        if (at is not null && atVersion is not null)
        {
            throw ActorException.Invalid("Give 'asOf' or 'atVersion', not both.");
        }

        var where = Where(request, descriptor);
        var limit = (int)(QueryParameters.Integer(request, "limit", 1, 1000) ?? 100);
        var after = Cursor.Decode(QueryParameters.Text(request, "cursor", 1024));
        var (states, last, exhausted) = await reader.ReadPageAsync(
            descriptor, new AsOfPoint(at is null ? null : Timestamps.Truncate(at.Value), atVersion), where, after, limit, cancellationToken);
        var data = new JsonArray([.. states.Select(s => Access.Mask(caller, descriptor, s))]);
        return ActorsApi.Json(new JsonObject { ["data"] = data, ["nextCursor"] = exhausted || last is null ? null : Cursor.Encode(last) });
    }

    /// <summary>Starts a snapshot of every actor of the type as of <c>at</c>: 202 with its id and status.</summary>
    public static async Task<IResult> StartSnapshotAsync(
        string type, HttpContext http, SnapshotJobs jobs, IJournalStore store, TimeProvider time, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        ActorAccess.Resolve(type);
        var caller = BearerAuthFilter.CallerOf(http);
        Access.Require(caller, type, "read", "A snapshot");
        var body = await ReadObjectAsync(http, options.Value, cancellationToken);
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
        var status = jobs.Start(type, at, reason, caller.Principal);
        var target = new JsonObject { ["snapshotId"] = status["snapshotId"]!.DeepClone(), ["at"] = Timestamps.Format(at) };
        await store.AppendAuditAsync(Audit(time, caller, "snapshot", type, target, reason), cancellationToken);
        http.Response.Headers.Location = $"/resources/snapshots/{status["snapshotId"]}";
        return ActorsApi.Json(new JsonObject { ["snapshotId"] = status["snapshotId"]!.DeepClone(), ["status"] = status["status"]!.DeepClone() }, StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// A snapshot's status: pending, running, completed or failed, with the number of actors written.
    /// <c>?waitSeconds=N</c> (at most 60) answers as soon as the job finishes, or after N seconds.
    /// </summary>
    public static async Task<IResult> GetSnapshotAsync(string snapshotId, HttpContext http, SnapshotJobs jobs, CancellationToken cancellationToken)
    {
        var status = FindSnapshot(jobs, snapshotId);
        Access.Require(BearerAuthFilter.CallerOf(http), (string)status["actorType"]!, "read", "A snapshot");
        if (QueryParameters.Integer(http.Request, "waitSeconds", 0, 60) is > 0 and var seconds)
        {
            await Task.WhenAny(jobs.FinishedAsync(snapshotId), Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken));
            status = FindSnapshot(jobs, snapshotId);
        }

        return ActorsApi.Json(status);
    }

    /// <summary>A completed snapshot's data, one actor per line (NDJSON), masked unless the caller may see personal data.</summary>
    public static async Task GetSnapshotDataAsync(
        string snapshotId, HttpContext http, SnapshotJobs jobs, IJournalStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = FindSnapshot(jobs, snapshotId);
        var type = ActorTypes.All.Find((string)status["actorType"]!)!;
        var caller = BearerAuthFilter.CallerOf(http);
        Access.Require(caller, type.Name, "read", "A snapshot");
        if ((string?)status["status"] != "completed")
        {
            throw new ActorException(ActorErrorKind.AlreadyExists, $"Snapshot {snapshotId} is {status["status"]}; its data is there once it is completed.");
        }

        await store.AppendAuditAsync(Audit(time, caller, "export", type.Name, new JsonObject { ["snapshotId"] = snapshotId }, (string?)status["reason"]), cancellationToken);
        http.Response.ContentType = "application/x-ndjson";
        using var lines = new StreamReader(jobs.DataFile(snapshotId));
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            var state = Access.Mask(caller, type, JsonNode.Parse(line))!;
            await http.Response.WriteAsync(state.ToJsonString() + "\n", cancellationToken);
        }
    }

    private static JsonObject FindSnapshot(SnapshotJobs jobs, string snapshotId) =>
        jobs.Find(snapshotId) ?? throw ActorException.NotFound($"There is no snapshot '{QueryParameters.Shorten(snapshotId)}'.");

    private static Dictionary<string, string> Where(HttpRequest request, ActorTypeDescriptor descriptor)
    {
        var where = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            if (!key.StartsWith(WherePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var field = key[WherePrefix.Length..];
            where[field] = descriptor.ScalarFields.Contains(field)
                ? value.ToString()
                : throw ActorException.Invalid($"Unknown field '{QueryParameters.Shorten(field)}' in '{QueryParameters.Shorten(key)}'. Fields of {descriptor.Name}: {string.Join(", ", descriptor.ScalarFields)}.");
        }

        return where;
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext http, GatewayOptions options, CancellationToken cancellationToken)
    {
        var bytes = await BatchReader.ReadBodyAsync(http.Request, options, cancellationToken);
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth }) as JsonObject
                ?? throw ActorException.Invalid("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ActorException.Invalid($"The request body is not valid JSON: {e.Message}");
        }
    }

    private static AuditRecord Audit(TimeProvider time, Caller caller, string operation, string actorType, JsonObject target, string? reason)
    {
        var now = time.GetUtcNow();
        return new AuditRecord(Guid.CreateVersion7(now), Timestamps.Truncate(now), caller.Principal, operation, actorType, null, target.ToJsonString(), reason);
    }
}
