using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Actors.Grains.Messages;
using Actors.Grains;

namespace Actors.Client;

/// <summary>
/// One message of a batch: its type (<c>addOrderLine</c>) and its body. Built from a typed command record
/// (<see cref="Create{TBody}"/>, or the typed methods of <see cref="ActorBatch{TActor}"/>) or from JSON
/// (<see cref="FromJson"/>). Through Orleans a typed record reaches the grain as it is (its JSON is still recorded on the
/// checkpoint); over HTTP <see cref="Body"/> is sent.
/// </summary>
public sealed class ActorCommand
{
    private static readonly HashSet<string> ReadTypes =
        new(["query", "getCheckpoints", "getActivityLog", "getState", "getHistory", "diff", "getPendingChanges"], StringComparer.Ordinal);

    private readonly JsonObject _body;

    private ActorCommand(string type, JsonObject body, object? typed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Type = type;
        _body = body;
        Typed = typed;
        IsRead = ReadTypes.Contains(type);
    }

    /// <summary>The message type, e.g. <c>addTag</c>.</summary>
    public string Type { get; }

    /// <summary>A copy of the body as JSON; members whose value is null are left out.</summary>
    public JsonObject Body => (JsonObject)_body.DeepClone();

    /// <summary>True for messages that only read (<c>query</c>, <c>getCheckpoints</c>, ...): they make no checkpoint.</summary>
    public bool IsRead { get; }

    /// <summary>The typed command record, when the command was built from one.</summary>
    internal object? Typed { get; }

    /// <summary>The body without copying; never modified.</summary>
    internal JsonObject BodyNode => _body;

    /// <summary>A message whose body is the typed record <paramref name="body"/>, e.g. <c>new CreateOrder(...)</c>.</summary>
    /// <param name="type">The message type the actor knows the record under, e.g. <c>create</c>.</param>
    /// <param name="body">The command record.</param>
    /// <param name="typeInfo">Its source-generated JSON metadata, e.g. <c>GrainsJsonContext.Default.CreateOrder</c>.</param>
    public static ActorCommand Create<TBody>(string type, TBody body, JsonTypeInfo<TBody> typeInfo)
        where TBody : notnull
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var json = JsonSerializer.SerializeToNode(body, typeInfo) as JsonObject
            ?? throw new ArgumentException($"The body of '{type}' must serialize to a JSON object.", nameof(body));
        return new ActorCommand(type, WithoutNulls(json), body);
    }

    /// <summary>A message with a JSON body (or <c>{}</c>), for message types this library has no record for.</summary>
    public static ActorCommand FromJson(string type, JsonObject? body = null) =>
        new(type, body is null ? [] : WithoutNulls((JsonObject)body.DeepClone()), typed: null);

    /// <summary><c>addTag {key}</c>: every actor type has tags.</summary>
    public static ActorCommand AddTag(string key) => Create("addTag", new TagBody(key), MessagesJsonContext.Default.TagBody);

    /// <summary><c>removeTag {key}</c>.</summary>
    public static ActorCommand RemoveTag(string key) => Create("removeTag", new TagBody(key), MessagesJsonContext.Default.TagBody);

    /// <summary><c>delete {}</c>: a soft delete; later commands are refused as deleted until <see cref="Undelete"/>.</summary>
    public static ActorCommand Delete() => Create("delete", new EmptyBody(), MessagesJsonContext.Default.EmptyBody);

    /// <summary><c>undelete {}</c>: brings a deleted actor back.</summary>
    public static ActorCommand Undelete() => Create("undelete", new EmptyBody(), MessagesJsonContext.Default.EmptyBody);

    /// <summary><c>query</c>: the asked fields and edges; <c>null</c> asks every scalar field.</summary>
    public static ActorCommand Query(ActorQuery? query = null) =>
        Create("query", new QueryBody(query?.ToSpec()), MessagesJsonContext.Default.QueryBody);

    /// <summary><c>getCheckpoints</c>: at most <paramref name="limit"/> checkpoints after <paramref name="after"/>, earliest first.</summary>
    public static ActorCommand GetCheckpoints(int? limit = null, Guid? after = null) =>
        Create("getCheckpoints", new PageBody(limit, after), MessagesJsonContext.Default.PageBody);

    /// <summary><c>getActivityLog</c>: at most <paramref name="limit"/> entries after checkpoint <paramref name="after"/>.</summary>
    public static ActorCommand GetActivityLog(int? limit = null, Guid? after = null) =>
        Create("getActivityLog", new PageBody(limit, after), MessagesJsonContext.Default.PageBody);

    /// <summary><c>getState</c>: the state as it was at <paramref name="point"/>.</summary>
    public static ActorCommand GetState(HistoryPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Create("getState", new StatePointBody(point.CheckpointId, point.Version, point.Timestamp), MessagesJsonContext.Default.StatePointBody);
    }

    /// <summary><c>getHistory</c>: at most <paramref name="limit"/> checkpoints after the first <paramref name="offset"/>, each with old and new values.</summary>
    public static ActorCommand GetHistory(int? limit = null, int? offset = null) =>
        Create("getHistory", new HistoryBody(limit, offset), MessagesJsonContext.Default.HistoryBody);

    /// <summary><c>diff</c>: how the state at <paramref name="to"/> differs from the state at <paramref name="from"/>.</summary>
    public static ActorCommand Diff(HistoryPoint from, HistoryPoint to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return Create("diff", new DiffBody(from.ToJsonElement(), to.ToJsonElement()), MessagesJsonContext.Default.DiffBody);
    }

    /// <summary><c>getPendingChanges</c>: what the batch's earlier commands would change (in a preview: what the preview would do).</summary>
    public static ActorCommand GetPendingChanges() => Create("getPendingChanges", new EmptyBody(), MessagesJsonContext.Default.EmptyBody);

    /// <summary><c>rewind</c> to <paramref name="target"/>; <paramref name="fields"/> restores only those fields.</summary>
    public static ActorCommand Rewind(HistoryPoint target, string? reason = null, IEnumerable<string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var body = new RewindBody(target.CheckpointId, target.Version, target.Timestamp, reason, fields?.ToList());
        return Create("rewind", body, MessagesJsonContext.Default.RewindBody);
    }

    /// <summary>
    /// <c>erase</c> for <paramref name="reason"/>: the actor's personal fields become null and every earlier value of them
    /// unrecoverable (needs <c>actors/&lt;type&gt;:erase</c>); it must be the only change of its batch.
    /// </summary>
    public static ActorCommand Erase(string reason) => Create("erase", new EraseBody(reason), MessagesJsonContext.Default.EraseBody);

    /// <inheritdoc />
    public override string ToString() => $"{Type} {_body.ToJsonString()}";

    /// <summary>Null members mean "not given" to every actor; leaving them out keeps checkpoint metadata as a person would write it.</summary>
    private static JsonObject WithoutNulls(JsonObject json)
    {
        foreach (var (name, value) in json.ToList())
        {
            switch (value)
            {
                case null:
                    json.Remove(name);
                    break;
                case JsonObject nested:
                    WithoutNulls(nested);
                    break;
                case JsonArray array:
                    foreach (var item in array.OfType<JsonObject>())
                    {
                        WithoutNulls(item);
                    }

                    break;
            }
        }

        return json;
    }
}
