using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Gateway.Application;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Actors.Grains;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Actors.Gateway.Mcp;

/// <summary>
/// The MCP tools over the actors and their history. Each goes through the code the REST endpoints use
/// (<see cref="ActorCalls"/>, <see cref="EventFeed"/>, <see cref="ActorListing"/>): the same permission checks, the
/// same masking, the same audit entries, the same answers. The SDK binds each tool's <see cref="ClaimsPrincipal"/> to the
/// user the request to <c>/mcp</c> authenticated as (it is not an argument the agent sees or sends).
/// </summary>
[McpServerToolType]
internal sealed class ActorTools(ToolAnswers answers, IGrainFactory grains, IJournalStore store, AsOfReader reader, IOptions<GatewayOptions> options)
{
    /// <summary>Writes <see cref="BatchMessage"/>s as the REST batch's items: <c>{ "type", "body" }</c>, no body when none.</summary>
    private static readonly JsonSerializerOptions BatchJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private const string TypeText = "The actor type: order, payment, ticket, asset or sku.";
    private const string IdText = "The actor's id: 1-128 characters of A-Z a-z 0-9 - _ . : (e.g. ord-1001).";
    private const string PointText =
        "a version (digits, e.g. 2), a checkpoint id (a UUID, from the checkpoints tool) or an RFC 3339 time " +
        "(e.g. 2026-11-20T23:34:10Z: the state after the newest checkpoint at or before it)";

    [McpServerTool(Name = "fetch", Title = "Fetch an actor, now or as it was", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description(
        "Reads one actor: its state now, or as it was at a past point (asOf). Answers the state as a JSON object with every " +
        "field, edges included (an order: orderId, orderNumber, orderState, currency, total, customerEmail, tags, lines, " +
        "deliveries; a payment: paymentId, paymentState, amount, currency, capturedAmount, refundedAmount, orderId, cardNumber, tags; " +
        "…), plus version (its number of checkpoints) and deleted. As of a time before the actor existed the answer is null. " +
        "Sensitive fields (payment cardNumber, order customerEmail) read masked, e.g. ****1234, unless the token holds " +
        "actors/<type>:pii. Needs actors/<type>:read.")]
    public Task<CallToolResult> FetchAsync(
        [Description(TypeText)] string type,
        [Description(IdText)] string id,
        [Description("Optional. The point to read the actor at: " + PointText + ". Omit for now.")] string? asOf = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        answers.AnswerAsync(user, "fetch", caller => asOf is null
            ? ActorCalls.AnswerOneAsync(caller, grains, type, id, "query", ActorCalls.Everything(ActorAccess.Resolve(type, id)), cancellationToken)
            : ActorCalls.AnswerOneAsync(caller, grains, type, id, "getState", ActorCalls.StatePoint(asOf, "asOf"), cancellationToken),
            cancellationToken);

    [McpServerTool(Name = "search", Title = "Search events, or actors as they were", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description(
        "Searches across actors. kind=events (the default): the stored events, oldest first, filtered by event type (exact, " +
        "e.g. Order.TagAdded, or a whole actor type with a wildcard, e.g. Order.*), actorType, actorId, principal (who sent " +
        "the batch) and time (after, inclusive; before, exclusive); answers {data: [{eventId, type, actorType, actorId, version, " +
        "globalVersion, timestamp, principal, data}], nextCursor, hasMore}. kind=actors: every actor of actorType as it was at " +
        "asOf (a time) or atVersion (a global version), now without either, in id order, filtered by where (field: value, " +
        "e.g. {\"orderState\":\"open\"}; for an array field such as tags, one of its items); answers {data: [state, …], nextCursor}. " +
        "Page with limit and the answer's nextCursor. Sensitive fields are masked without actors/<type>:pii. Needs " +
        "actors/<type>:read (events without an actor type or typed event type: read on every type).")]
    public Task<CallToolResult> SearchAsync(
        [Description("What to search: events (the default) or actors.")] SearchKind kind = SearchKind.Events,
        [Description("kind=events only. An event type, exact (Order.TagAdded, Payment.Captured) or every event of an actor type (Order.*, Payment.*, Ticket.*, Asset.*, Sku.*).")] string? type = null,
        [Description("The actor type: order, payment, ticket, asset or sku. Required for kind=actors.")] string? actorType = null,
        [Description("kind=events only. Only the events of this actor (give actorType too).")] string? actorId = null,
        [Description("kind=events only. Only the events of batches this principal sent (e.g. dev-admin).")] string? principal = null,
        [Description("kind=events only. Only events at or after this RFC 3339 time.")] string? after = null,
        [Description("kind=events only. Only events before this RFC 3339 time.")] string? before = null,
        [Description("kind=actors only. The actors as they were at this RFC 3339 time; omit (and atVersion) for now.")] string? asOf = null,
        [Description("kind=actors only. The actors as they were at this global version (the globalVersion of an event).")] long? atVersion = null,
        [Description("kind=actors only. Only actors whose fields have these values, e.g. {\"orderState\":\"open\",\"currency\":\"SEK\"}.")] Dictionary<string, JsonElement>? where = null,
        [Description("Page size, 1-1000 (default 100).")] int? limit = null,
        [Description("The nextCursor of the previous page, to read the next one.")] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        answers.AnswerAsync(user, "search", async caller =>
        {
            if (kind == SearchKind.Actors)
            {
                Refuse(("type", type), ("actorId", actorId), ("principal", principal), ("after", after), ("before", before));
                var query = new ActorListQuery(
                    actorType ?? throw ActorException.Invalid("'actorType' is required for kind=actors: order, payment, ticket, asset or sku."),
                    Time(asOf, "asOf"), atVersion, Where(where), limit ?? ActorListing.DefaultLimit, cursor);
                return (await ActorListing.ReadAsync(caller, reader, query, cancellationToken)).Page;
            }

            Refuse(("asOf", asOf), ("atVersion", atVersion), ("where", where));
            var events = new EventFeedQuery(type, actorType, actorId, principal, Time(after, "after"), Time(before, "before"), limit ?? EventFeed.DefaultLimit, cursor);
            return (await EventFeed.ReadAsync(caller, store, events, cancellationToken)).Page;
        }, cancellationToken);

    [McpServerTool(Name = "checkpoints", Title = "List an actor's checkpoints", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description(
        "Lists one actor's checkpoints, earliest first: one per accepted batch that changed it. Answers [{checkpointId, " +
        "timestamp, version, principal, operation (CREATE, UPDATE, REWIND, ERASE, DELETE, UNDELETE), metadata: {commands: " +
        "[{type, …body}]}, reason?}]. A checkpointId serves as asOf of fetch, from/to of diff and to of rewind. " +
        "Needs actors/<type>:read.")]
    public Task<CallToolResult> CheckpointsAsync(
        [Description(TypeText)] string type,
        [Description(IdText)] string id,
        [Description("At most this many checkpoints, 1-1000 (default 1000).")] int? limit = null,
        [Description("Only checkpoints after this checkpoint id (the last one of the previous page).")] string? after = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        answers.AnswerAsync(user, "checkpoints", caller =>
            ActorCalls.AnswerOneAsync(caller, grains, type, id, "getCheckpoints", new JsonObject { ["limit"] = limit, ["after"] = after }, cancellationToken),
            cancellationToken);

    [McpServerTool(Name = "history", Title = "An actor's history with old and new values", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description(
        "One actor's history, oldest first, one entry per checkpoint with the fields it changed: {data: [{eventId, version, " +
        "timestamp, principal, operation, oldValue, newValue, reason?}], pagination: {limit, offset, total}, earliestVersion, " +
        "earliestTimestamp}. oldValue is null for CREATE. Needs actors/<type>:read.")]
    public Task<CallToolResult> HistoryAsync(
        [Description(TypeText)] string type,
        [Description(IdText)] string id,
        [Description("Page size, 1-1000 (default 50).")] int? limit = null,
        [Description("Checkpoints to skip (default 0).")] long? offset = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        answers.AnswerAsync(user, "history", caller =>
            ActorCalls.AnswerOneAsync(caller, grains, type, id, "getHistory", new JsonObject { ["limit"] = limit, ["offset"] = offset }, cancellationToken),
            cancellationToken);

    [McpServerTool(Name = "diff", Title = "What changed in an actor between two points", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description(
        "What changed in one actor between two points of its history, by top-level field: {added: {field: value}, changed: " +
        "{field: {from, to}}, removed: {field: value}}. Needs actors/<type>:read.")]
    public Task<CallToolResult> DiffAsync(
        [Description(TypeText)] string type,
        [Description(IdText)] string id,
        [Description("The earlier point: " + PointText + ".")] string from,
        [Description("The later point: " + PointText + ".")] string to,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        answers.AnswerAsync(user, "diff", caller =>
            ActorCalls.AnswerOneAsync(caller, grains, type, id, "diff", new JsonObject { ["from"] = ActorCalls.DiffPoint(from), ["to"] = ActorCalls.DiffPoint(to) }, cancellationToken),
            cancellationToken);

    [McpServerTool(Name = "preview", Title = "Preview a batch: what it would do, nothing kept", ReadOnly = true, Idempotent = false, Destructive = false, OpenWorld = false)]
    [Description(
        "Runs a batch of messages against an isolated copy of one actor, as POST …?preview does, and discards everything: no " +
        "checkpoint, no activity entry (the audit log records that you previewed). Later messages see earlier ones, so " +
        "[rewind {version: 1}, query] shows the actor as it was. Answers {results: [{type, result}] (one per message), " +
        "pendingChanges: [{path, operation: add|replace|remove, before, after}] (what the batch would change; null without " +
        "read permission), version}. Needs per message what a REST preview needs: actors/<type>:read for history messages, " +
        "actors/<type>:write for commands, actors/<type>:rewind or actors/<type>:rewind:preview for rewind.")]
    public Task<CallToolResult> PreviewAsync(
        [Description(TypeText)] string type,
        [Description(IdText)] string id,
        [Description("The batch: messages run in order, e.g. [{\"type\":\"addTag\",\"body\":{\"key\":\"vip\"}}] or [{\"type\":\"rewind\",\"body\":{\"version\":1}},{\"type\":\"query\"}].")]
        IReadOnlyList<BatchMessage> messages,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        answers.AnswerAsync(user, "preview", async caller =>
        {
            // The REST batch's reader: the same limits and the same refusals, naming the message.
            var batch = BatchReader.Parse(JsonSerializer.SerializeToUtf8Bytes(messages ?? [], BatchJson), options.Value).ToList();
            var descriptor = ActorAccess.Resolve(type, id);
            var asked = batch.Count;
            if (caller.Permissions.Allows(descriptor.Name, "read") && batch[^1].Type != "getPendingChanges")
            {
                batch.Add(ActorMessage.Of("getPendingChanges"));
            }

            var (result, _) = await ActorCalls.RunAsync(caller, grains, type, id, new BatchRequest(batch, caller.Principal, Preview: true), cancellationToken);
            var results = result.Results.Take(asked).Select(r => new JsonObject { ["type"] = r.Type, ["result"] = r.Result?.DeepClone() });
            var answer = new JsonObject
            {
                ["results"] = new JsonArray([.. results]),
                ["pendingChanges"] = batch[^1].Type == "getPendingChanges" ? result.Results[^1].Result?.DeepClone() : null,
                ["version"] = result.Version,
            };
            return Access.Mask(caller, descriptor, answer);
        }, cancellationToken);

    [McpServerTool(Name = "rewind", Title = "Rewind an actor to a past point, with a reason", ReadOnly = false, Idempotent = false, Destructive = true, OpenWorld = false)]
    [Description(
        "Rewinds one actor to a past point for real: a new REWIND checkpoint carrying your reason and restoring the state of " +
        "then (history is never removed; a rewind can be rewound), plus an activity entry and an audit entry. Answers " +
        "{success, checkpointId, timestamp, checkpointsAffected, version}. Needs actors/<type>:rewind; with only " +
        "rewind:preview, use the preview tool with a rewind message instead. Check the effect first with preview.")]
    public Task<CallToolResult> RewindAsync(
        [Description(TypeText)] string type,
        [Description(IdText)] string id,
        [Description("The point to go back to: " + PointText + ".")] string to,
        [Description("Why: recorded on the checkpoint and in the audit log. Required, not blank.")] string reason,
        [Description("Optional. Restore only these top-level fields (e.g. [\"tags\"]); the others stay as they are.")] IReadOnlyList<string>? fields = null,
        [Description("Optional. Rewind only if the actor is still at this version (its version when you looked); otherwise a 412 problem.")] long? expectedVersion = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        answers.AnswerAsync(user, "rewind", caller =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw ActorException.Invalid("'reason' is required: say why the actor is rewound (it is recorded on the checkpoint and in the audit log).");
            }

            var body = ActorCalls.StatePoint(to, "to");
            if (body.Remove("asOf", out var at))
            {
                body["at"] = at;
            }

            body["reason"] = reason;
            if (fields is not null)
            {
                body["fields"] = new JsonArray([.. fields.Select(f => JsonValue.Create(f))]);
            }

            return SendRewindAsync(caller, type, id, body, expectedVersion, cancellationToken);
        }, cancellationToken);

    private async Task<JsonNode?> SendRewindAsync(Caller caller, string type, string id, JsonObject body, long? expectedVersion, CancellationToken cancellationToken)
    {
        var request = new BatchRequest([ActorCalls.Message("rewind", body)], caller.Principal, ExpectedVersion: expectedVersion);
        var (result, descriptor) = await ActorCalls.RunAsync(caller, grains, type, id, request, cancellationToken);
        return Access.Mask(caller, descriptor, result.Results[0].Result);
    }

    private static DateTimeOffset? Time(string? text, string name) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw ActorException.Invalid($"'{name}' must be an RFC 3339 time such as 2025-01-15T10:30:00Z, not '{ActorAccess.Shorten(text)}'.");

    /// <summary>The <c>where</c> filter's values as text, as the REST listing takes them from its query string.</summary>
    private static Dictionary<string, string>? Where(Dictionary<string, JsonElement>? where) =>
        where?.ToDictionary(w => w.Key, w => w.Value.ValueKind switch
        {
            JsonValueKind.String => w.Value.GetString()!,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => w.Value.GetRawText(),
            _ => throw ActorException.Invalid($"'where.{ActorAccess.Shorten(w.Key)}' must be a string, a number or a boolean."),
        }, StringComparer.Ordinal);

    /// <summary>Refuses arguments of the other kind of search, naming the first one given.</summary>
    private static void Refuse(params (string Name, object? Value)[] arguments)
    {
        foreach (var (name, value) in arguments)
        {
            if (value is not null)
            {
                throw ActorException.Invalid($"'{name}' does not apply to this kind of search; see the search tool's description.");
            }
        }
    }
}
