using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.EventSourcing;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Grains;

namespace Actors.Gateway.Application;

/// <summary>
/// Batches to one actor, whichever front door sends them (the HTTP endpoints, the MCP tools): resolved, authorized for
/// the caller and run in the actor's grain here, and nowhere else. The answers are not yet masked
/// (<see cref="Access.Mask"/>), and say nothing of HTTP: the endpoints set their headers from the result.
/// </summary>
public static class ActorCalls
{
    /// <summary>Authorizes every message for <paramref name="caller"/> and runs the batch in the actor's grain.</summary>
    public static async Task<(BatchResult Result, ActorTypeDescriptor Type)> RunAsync(
        Caller caller, IGrainFactory grains, string type, string id, BatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);

        // A child of the request's span (ASP.NET Core's), not a second server span: the route is on the request's span.
        using var span = ActorsTelemetry.Source.StartActivity(ActorsTelemetry.Spans.Batch);
        span?.SetTag(ActorsTelemetry.Tags.ActorType, type);
        span?.SetTag(ActorsTelemetry.Tags.ActorId, id);
        span?.SetTag(ActorsTelemetry.Tags.BatchSize, request.Messages.Count);
        span?.SetTag(ActorsTelemetry.Tags.Preview, request.Preview);
        var descriptor = ActorAccess.Resolve(type, id);
        ActorAccess.Authorize(caller.Permissions, descriptor, [.. request.Messages.Select(m => m.Type)], request.Preview);
        var grain = grains.GetActor(type, id);
        var repeatable = request.IdempotencyKey is not null
            || (!request.Preview && request.Messages.All(m => descriptor.Classify(m.Type) == MessageKind.Read));
        var result = await GrainCalls.RunAsync(() => grain.ExecuteAsync(request, cancellationToken), repeatable, cancellationToken);
        span?.SetTag(ActorsTelemetry.Tags.ActorVersion, result.Version);
        return (result, descriptor);
    }

    /// <summary>Runs one message for <paramref name="caller"/> and answers its result, masked for the caller.</summary>
    public static async Task<JsonNode?> AnswerOneAsync(
        Caller caller, IGrainFactory grains, string type, string id, string message, JsonObject body, CancellationToken cancellationToken)
    {
        var (result, descriptor) = await RunAsync(caller, grains, type, id, new BatchRequest([Message(message, body)], caller.Principal), cancellationToken);
        return Access.Mask(caller, descriptor, result.Results[0].Result);
    }

    /// <summary>A message of the batch protocol.</summary>
    public static ActorMessage Message(string type, JsonObject body) => new(type, JsonSerializer.SerializeToElement(body));

    /// <summary>A <c>query</c> body that asks for every scalar field and every edge of <paramref name="descriptor"/>: the whole actor.</summary>
    public static JsonObject Everything(ActorTypeDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new JsonObject
        {
            ["query"] = new JsonObject { ["navigate"] = new JsonArray([.. descriptor.Edges.Keys.Select(e => new JsonObject { ["edge"] = e })]) },
        };
    }

    /// <summary>
    /// A point of an actor's history as <c>diff</c> takes it: digits are a version; anything else goes as a string, which
    /// the actor reads as a checkpoint id or a timestamp.
    /// </summary>
    public static JsonNode DiffPoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? JsonValue.Create(version) : JsonValue.Create(text);
    }

    /// <summary>
    /// A <c>getState</c> body for a point written as text: digits are a version, a UUID a checkpoint id, anything else must
    /// be a timestamp. <paramref name="name"/> is what the caller called it, for the 400 when it is none of these.
    /// </summary>
    public static JsonObject StatePoint(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return new JsonObject { ["version"] = version };
        }

        if (Guid.TryParse(text, out var checkpointId))
        {
            return new JsonObject { ["checkpointId"] = checkpointId.ToString() };
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? new JsonObject { ["asOf"] = Timestamps.Format(at) }
            : throw ActorException.Invalid(
                $"'{name}' must be a version (digits), a checkpoint id (a UUID) or an ISO 8601 timestamp such as 2025-01-15T10:30:00Z, not '{ActorAccess.Shorten(text)}'.");
    }
}
