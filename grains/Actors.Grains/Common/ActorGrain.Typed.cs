using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Actors.Abstractions;
using Actors.Abstractions.Messages;
using Actors.Grains.Messages;

namespace Actors.Grains;

/// <summary>
/// The typed calls: each is a one-message batch, so a typed call and the same message over HTTP are decided, recorded
/// and refused alike. Checkpoints record <see cref="ActorRequestContext.Principal"/> as who sent it.
/// </summary>
public abstract partial class ActorGrain<TState>
{
    /// <inheritdoc />
    public async Task<TState?> GetAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync();
        return Confirmed;
    }

    /// <inheritdoc />
    public async Task<TState?> GetStateAsync(StatePointBody point, CancellationToken cancellationToken = default)
    {
        var json = await GetStateJsonAsync(point, cancellationToken);
        if (json is null)
        {
            return null;
        }

        json.Remove(ActorTypeDescriptor.VersionField);
        return json.Deserialize(_rules.StateType);
    }

    /// <inheritdoc />
    public Task<JsonObject?> GetStateJsonAsync(StatePointBody point, CancellationToken cancellationToken = default) =>
        ReadAsync("getState", point, MessagesJsonContext.Default.StatePointBody, node => node as JsonObject, cancellationToken);

    /// <inheritdoc />
    public Task<JsonObject> QueryAsync(QuerySpec? query = null, CancellationToken cancellationToken = default) =>
        ReadAsync("query", new QueryBody(query), MessagesJsonContext.Default.QueryBody, node => (JsonObject)node!, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CheckpointInfo>> GetCheckpointsAsync(int? limit = null, Guid? after = null, CancellationToken cancellationToken = default) =>
        ReadAsync<PageBody, IReadOnlyList<CheckpointInfo>>(
            "getCheckpoints", new PageBody(limit, after), MessagesJsonContext.Default.PageBody,
            node => node.Deserialize(MessagesJsonContext.Default.ListCheckpointInfo)!, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ActivityEntry>> GetActivityLogAsync(int? limit = null, Guid? after = null, CancellationToken cancellationToken = default) =>
        ReadAsync<PageBody, IReadOnlyList<ActivityEntry>>(
            "getActivityLog", new PageBody(limit, after), MessagesJsonContext.Default.PageBody,
            node => node.Deserialize(MessagesJsonContext.Default.ListActivityEntry)!, cancellationToken);

    /// <inheritdoc />
    public Task<HistoryPage> GetHistoryAsync(int limit = 50, int offset = 0, CancellationToken cancellationToken = default) =>
        ReadAsync(
            "getHistory", new HistoryBody(limit, offset), MessagesJsonContext.Default.HistoryBody,
            node => node.Deserialize(MessagesJsonContext.Default.HistoryPage)!, cancellationToken);

    /// <inheritdoc />
    public Task<JsonObject> DiffAsync(StatePointBody from, StatePointBody to, CancellationToken cancellationToken = default) =>
        ReadAsync(
            "diff", new DiffBody(Point(from, nameof(from)), Point(to, nameof(to))), MessagesJsonContext.Default.DiffBody,
            node => (JsonObject)node!, cancellationToken);

    /// <inheritdoc />
    public async Task<RewindResult> RewindAsync(RewindBody target, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(new BatchRequest([ActorMessage.Of("rewind", target, MessagesJsonContext.Default.RewindBody)], Principal), cancellationToken);
        return result.Results[0].Result.Deserialize(MessagesJsonContext.Default.RewindResult)!;
    }

    /// <inheritdoc />
    public Task<CommandResult> AddTagAsync(string key, CancellationToken cancellationToken = default) =>
        CommandAsync("addTag", new TagBody(key), MessagesJsonContext.Default.TagBody, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> RemoveTagAsync(string key, CancellationToken cancellationToken = default) =>
        CommandAsync("removeTag", new TagBody(key), MessagesJsonContext.Default.TagBody, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> DeleteAsync(CancellationToken cancellationToken = default) =>
        CommandAsync("delete", new EmptyBody(), MessagesJsonContext.Default.EmptyBody, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> UndeleteAsync(CancellationToken cancellationToken = default) =>
        CommandAsync("undelete", new EmptyBody(), MessagesJsonContext.Default.EmptyBody, cancellationToken);

    /// <inheritdoc />
    public async Task<PreviewResult<TState>> PreviewAsync(IReadOnlyList<ActorMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (result, state, mutated) = await RunAsync(new BatchRequest(messages, Principal, Preview: true), cancellationToken);
        var changes = StateDiff.Between(StateJson(Confirmed), StateJson(state)).Operations();
        return new PreviewResult<TState>(result.Results, state, Version + (mutated ? 1 : 0), changes);
    }

    /// <summary>Runs domain command <paramref name="type"/> as a one-message batch and answers its result.</summary>
    protected async Task<CommandResult> CommandAsync<TCommand>(string type, TCommand command, JsonTypeInfo<TCommand> body, CancellationToken cancellationToken)
        where TCommand : notnull
    {
        var result = await ExecuteAsync(new BatchRequest([ActorMessage.Of(type, command, body)], Principal), cancellationToken);
        return result.Results[0].Result.Deserialize(MessagesJsonContext.Default.CommandResult)!;
    }

    private async Task<TResult> ReadAsync<TBody, TResult>(
        string type, TBody body, JsonTypeInfo<TBody> bodyType, Func<JsonNode?, TResult> read, CancellationToken cancellationToken)
        where TBody : notnull
    {
        var result = await ExecuteAsync(new BatchRequest([ActorMessage.Of(type, body, bodyType)], Principal), cancellationToken);
        return read(result.Results[0].Result);
    }

    /// <summary>A typed point as <c>diff</c> takes it: a version number, or a checkpoint id or timestamp as a string.</summary>
    private static JsonElement? Point(StatePointBody point, string name)
    {
        ArgumentNullException.ThrowIfNull(point, name);
        JsonNode? node = point switch
        {
            { CheckpointId: { } id } => JsonValue.Create(id.ToString()),
            { Version: { } version } => JsonValue.Create(version),
            { AsOf: { } at } => JsonValue.Create(Timestamps.Format(at)),
            _ => null,
        };
        return node is null ? null : JsonSerializer.SerializeToElement(node, MessagesJsonContext.Default.JsonNode);
    }
}
