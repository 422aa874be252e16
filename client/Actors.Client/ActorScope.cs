using Actors.Grains;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Actors.Abstractions;
using Actors.Grains.Messages;

namespace Actors.Client;

/// <summary>
/// Where batches for one actor go: the actor itself (<see cref="ActorRef{TActor}"/>) or a preview of it
/// (<see cref="ActorPreview{TActor}"/>). Every call is one batch, run atomically in one turn of the actor.
/// </summary>
/// <typeparam name="TActor">The actor's interface, e.g. <c>IOrderActor</c>; it picks the typed batch methods.</typeparam>
public abstract class ActorScope<TActor>
    where TActor : IActorGrain
{
    /// <summary>The most entries one page of checkpoints or activity holds.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The page size of <see cref="GetHistoryPageAsync"/> when none is given, as the server's.</summary>
    public const int DefaultHistoryPageSize = 50;

    private protected ActorScope(ActorKey key)
    {
        Key = key;
    }

    /// <summary>The actor's address: its type (<c>order</c>) and id.</summary>
    public ActorKey Key { get; }

    /// <summary>Starts a typed batch: <c>order.Batch().Create(new CreateOrder(...)).AddTag("vip").SendAsync()</c>.</summary>
    public ActorBatch<TActor> Batch() => new(this);

    /// <summary>Sends <paramref name="commands"/> as one batch: all of its changes become one checkpoint, or none.</summary>
    /// <exception cref="ActorRequestException">The batch was refused; nothing of it was applied.</exception>
    public Task<BatchResponse> SendAsync(IEnumerable<ActorCommand> commands, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var list = commands.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one command.", nameof(commands));
        }

        return ExecuteAsync(list, options ?? new SendOptions(), cancellationToken);
    }

    /// <summary>Sends <paramref name="commands"/> as one batch (to cancel it, use the overload that takes a token).</summary>
    /// <exception cref="ActorRequestException">The batch was refused; nothing of it was applied.</exception>
    public Task<BatchResponse> SendAsync(params ActorCommand[] commands) => SendAsync(commands, null, CancellationToken.None);

    /// <summary>The actor's current fields as <paramref name="query"/> asks (every scalar field when null).</summary>
    /// <exception cref="ActorRefusedException">NotFound before <c>create</c>, Deleted after <c>delete</c>, InvalidMessage for an unknown field or edge.</exception>
    public async Task<JsonObject> QueryAsync(ActorQuery? query = null, CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync([ActorCommand.Query(query)], new SendOptions(), cancellationToken);
        return response.Last?.AsObject() ?? throw new InvalidOperationException("query answered null.");
    }

    /// <summary>The answer of <paramref name="query"/> read as <typeparamref name="T"/>, e.g. a record of the asked fields.</summary>
    public async Task<T> QueryAsync<T>(ActorQuery? query, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        (await QueryAsync(query, cancellationToken)).Deserialize(typeInfo)!;

    /// <summary>
    /// The actor's current state as its contract record, e.g. <c>order.QueryAsync&lt;OrderState&gt;()</c>: every field and
    /// edge, read with the contracts' source-generated JSON. The answer's <c>version</c> is not part of the record; ask
    /// <see cref="QueryAsync(ActorQuery?, CancellationToken)"/> for it. Fields the caller may not see come masked (a payment's
    /// <c>cardNumber</c> as <c>****1234</c>).
    /// </summary>
    /// <typeparam name="TState">The actor type's state record: <c>OrderState</c> for an order.</typeparam>
    /// <exception cref="ArgumentException"><typeparamref name="TState"/> is not this actor type's state.</exception>
    /// <exception cref="ActorRefusedException">NotFound before <c>create</c>, Deleted after <c>delete</c>.</exception>
    public async Task<TState> QueryAsync<TState>(CancellationToken cancellationToken = default)
        where TState : EntityState
    {
        var typeInfo = StateType<TState>();
        return ReadState(await QueryAsync(ActorQuery.Everything(Key.Type), cancellationToken), typeInfo);
    }

    /// <summary>The state as it was at <paramref name="point"/> as its contract record (see <see cref="QueryAsync{TState}(CancellationToken)"/>), or null before the actor existed.</summary>
    /// <typeparam name="TState">The actor type's state record: <c>OrderState</c> for an order.</typeparam>
    /// <exception cref="ArgumentException"><typeparamref name="TState"/> is not this actor type's state.</exception>
    public async Task<TState?> GetStateAsync<TState>(HistoryPoint point, CancellationToken cancellationToken = default)
        where TState : EntityState
    {
        var typeInfo = StateType<TState>();
        return await GetStateAsync(point, cancellationToken) is { } state ? ReadState(state, typeInfo) : null;
    }

    /// <summary>The state as it was at <paramref name="point"/> (every field and <c>version</c>), or null before the actor existed.</summary>
    public async Task<JsonObject?> GetStateAsync(HistoryPoint point, CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync([ActorCommand.GetState(point)], new SendOptions(), cancellationToken);
        return response.Last as JsonObject;
    }

    /// <summary>
    /// Rewinds to <paramref name="target"/>: a new checkpoint that restores the state then (or only <paramref name="fields"/>),
    /// recording <paramref name="reason"/>. History is never edited: the rewind can itself be rewound. The reason is
    /// optional unless the server sets <c>Actors:History:RequireReason</c> (then a persisted rewind without one is refused
    /// as InvalidMessage; a preview's never needs one).
    /// </summary>
    public async Task<RewindOutcome> RewindAsync(
        HistoryPoint target,
        string? reason = null,
        IEnumerable<string>? fields = null,
        SendOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync([ActorCommand.Rewind(target, reason, fields)], options ?? new SendOptions(), cancellationToken);
        return RewindOutcome.From(response.Get(0, MessagesJsonContext.Default.RewindResult), Persists);
    }

    /// <summary>
    /// Erases the actor's personal data for <paramref name="reason"/> (required): an ERASE checkpoint carrying the reason,
    /// audited, after which no earlier value of the personal fields can be read by anyone, through any path; the rest of the
    /// history stays, and values written later are kept as usual. In a preview nothing is persisted.
    /// </summary>
    /// <exception cref="ActorRefusedException">NotFound for an actor never created; InvalidMessage for a blank reason.</exception>
    /// <exception cref="ActorForbiddenException">The caller lacks <c>actors/&lt;type&gt;:erase</c>.</exception>
    public async Task<EraseResult> EraseAsync(string reason, SendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var response = await ExecuteAsync([ActorCommand.Erase(reason)], options ?? new SendOptions(), cancellationToken);
        return response.Get(0, MessagesJsonContext.Default.EraseResult);
    }

    /// <summary>
    /// How the state at <paramref name="to"/> differs from the state at <paramref name="from"/>, as the server's
    /// <c>diff</c> message answers it (top-level fields; <c>version</c> is not compared). Version 0 is before the actor existed.
    /// </summary>
    /// <exception cref="ActorRefusedException">NotFound when the actor or a point does not exist.</exception>
    public async Task<StateDiff> DiffAsync(HistoryPoint from, HistoryPoint to, CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync([ActorCommand.Diff(from, to)], new SendOptions(), cancellationToken);
        return StateDiff.FromJson(response.Last as JsonObject ?? throw new InvalidOperationException("diff answered something other than an object."));
    }

    /// <summary>
    /// One page of history, oldest first: at most <paramref name="limit"/> checkpoints after the first <paramref name="offset"/>,
    /// each with the old and new values of the fields it changed, and the total number of checkpoints.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="offset"/> the page starts where the actor's history can be told (<see cref="HistoryPage.EarliestVersion"/>:
    /// 0 unless older history was pruned); an offset before a pruned boundary is refused as <c>HistoryPruned</c> (410).
    /// </remarks>
    /// <exception cref="ActorRefusedException">NotFound before <c>create</c>; InvalidMessage for a limit outside 1..1000 or a negative offset.</exception>
    public async Task<HistoryPage> GetHistoryPageAsync(int limit = DefaultHistoryPageSize, int? offset = null, CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync([ActorCommand.GetHistory(limit, offset)], new SendOptions(), cancellationToken);
        return response.Get(0, ClientJsonContext.Default.WireHistoryPage).ToPage();
    }

    /// <summary>Every checkpoint from the <paramref name="offset"/>-th on (default: where history starts) with its old and new values, oldest first, fetched <paramref name="pageSize"/> at a time.</summary>
    public async IAsyncEnumerable<HistoryEntry> GetHistoryAsync(
        int pageSize = MaxPageSize,
        int? offset = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await GetHistoryPageAsync(pageSize, offset, cancellationToken);
            foreach (var entry in page.Entries)
            {
                yield return entry;
            }

            if (page.Entries.Count == 0 || !page.HasMore)
            {
                yield break;
            }

            offset = page.Offset + page.Entries.Count;
        }
    }

    /// <summary>
    /// Where the actor's readable history starts: the oldest version whose state any tier still holds (1 unless older
    /// history was pruned) and its commit time. Reads of earlier points are refused as <c>HistoryPruned</c> (410).
    /// </summary>
    public async Task<(long Version, DateTimeOffset? Timestamp)> GetHistoryStartAsync(CancellationToken cancellationToken = default)
    {
        var page = await GetHistoryPageAsync(1, null, cancellationToken);
        return (page.EarliestVersion, page.EarliestTimestamp);
    }

    /// <summary>One page: at most <paramref name="limit"/> checkpoints after checkpoint <paramref name="after"/>, earliest first.</summary>
    public async Task<IReadOnlyList<Checkpoint>> GetCheckpointPageAsync(int limit = MaxPageSize, Guid? after = null, CancellationToken cancellationToken = default)
    {
        var response = await ExecuteAsync([ActorCommand.GetCheckpoints(limit, after)], new SendOptions(), cancellationToken);
        return response.Get(0, ClientJsonContext.Default.ListCheckpoint);
    }

    /// <summary>Every checkpoint after <paramref name="after"/> (all when null), earliest first, fetched <paramref name="pageSize"/> at a time.</summary>
    public async IAsyncEnumerable<Checkpoint> GetCheckpointsAsync(
        int pageSize = MaxPageSize,
        Guid? after = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await GetCheckpointPageAsync(pageSize, after, cancellationToken);
            foreach (var checkpoint in page)
            {
                yield return checkpoint;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].CheckpointId;
        }
    }

    /// <summary>
    /// The activity log after checkpoint <paramref name="after"/> (all when null), earliest first. Each page reads the
    /// log and the checkpoints in one batch, so every line names its checkpoint.
    /// </summary>
    public async IAsyncEnumerable<ActivityLogEntry> GetActivityLogAsync(
        int pageSize = MaxPageSize,
        Guid? after = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var response = await ExecuteAsync(
                [ActorCommand.GetCheckpoints(pageSize, after), ActorCommand.GetActivityLog(pageSize, after)], new SendOptions(), cancellationToken);
            var checkpoints = response.Get(0, ClientJsonContext.Default.ListCheckpoint);
            var lines = response.Get(1, ClientJsonContext.Default.ListWireActivityEntry);
            for (var i = 0; i < lines.Count && i < checkpoints.Count; i++)
            {
                yield return new ActivityLogEntry(checkpoints[i].CheckpointId, checkpoints[i].Version, lines[i].Timestamp, lines[i].Principal, lines[i].Message);
            }

            if (checkpoints.Count < pageSize)
            {
                yield break;
            }

            after = checkpoints[^1].CheckpointId;
        }
    }

    /// <summary>The contracts' JSON metadata of <typeparamref name="TState"/>, when it is this actor type's state.</summary>
    private JsonTypeInfo<TState> StateType<TState>()
        where TState : EntityState =>
        ActorTypeName.Descriptor(Key.Type).StateType as JsonTypeInfo<TState>
            ?? throw new ArgumentException($"{typeof(TState).Name} is not the state of actor type '{Key.Type}'.", nameof(TState));

    /// <summary>An answer as the state record: without <c>version</c>, which the answer adds beside the state's fields.</summary>
    private static TState ReadState<TState>(JsonObject answer, JsonTypeInfo<TState> typeInfo)
    {
        var state = (JsonObject)answer.DeepClone();
        state.Remove(ActorTypeDescriptor.VersionField);
        return state.Deserialize(typeInfo) ?? throw new InvalidOperationException("The state answered null.");
    }

    /// <summary>False in a preview: nothing sent through it is written.</summary>
    private protected abstract bool Persists { get; }

    /// <summary>Runs one batch in this scope.</summary>
    private protected abstract Task<BatchResponse> ExecuteAsync(IReadOnlyList<ActorCommand> commands, SendOptions options, CancellationToken cancellationToken);

    /// <summary>Lets <see cref="ActorBatch{TActor}"/> send through this scope.</summary>
    internal Task<BatchResponse> SendBatchAsync(IReadOnlyList<ActorCommand> commands, SendOptions options, CancellationToken cancellationToken) =>
        ExecuteAsync(commands, options, cancellationToken);
}
