using System.Text.Json.Nodes;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Grains.Messages;
using Orleans.Concurrency;

namespace Actors.Grains;

/// <summary>
/// What every actor type answers. The grain id is the actor's address: <c>GetGrain&lt;IOrderActor&gt;("ord-1001")</c> is
/// <c>order/ord-1001</c>. Every mutating call is one batch, hence one checkpoint; refusals arrive as
/// <see cref="Actors.Abstractions.Errors.ActorException"/> (with its <see cref="Actors.Abstractions.Errors.ActorErrorKind"/>)
/// or <see cref="Actors.Abstractions.Errors.StorageUnavailableException"/>. Checkpoints and the activity log record
/// <see cref="ActorRequestContext.Principal"/> as who sent a typed call.
/// </summary>
public interface IActorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs a batch of messages in one turn, the call the HTTP gateway makes: all its mutations become one checkpoint, or
    /// none. With <see cref="BatchRequest.Preview"/> it runs on an isolated copy and persists nothing.
    /// </summary>
    Task<BatchResult> ExecuteAsync(BatchRequest request, CancellationToken cancellationToken = default);

    /// <summary>The current state projected as <c>query</c> answers it: the asked fields, edges as arrays of nodes.</summary>
    Task<JsonObject> QueryAsync(QuerySpec? query = null, CancellationToken cancellationToken = default);

    /// <summary>The number of checkpoints; 0 for an actor never created.</summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Checkpoints, earliest first: at most <paramref name="limit"/> (1000 when null) after checkpoint <paramref name="after"/>.</summary>
    Task<IReadOnlyList<CheckpointInfo>> GetCheckpointsAsync(int? limit = null, Guid? after = null, CancellationToken cancellationToken = default);

    /// <summary>The activity log, earliest first, paged as <see cref="GetCheckpointsAsync"/>.</summary>
    Task<IReadOnlyList<ActivityEntry>> GetActivityLogAsync(int? limit = null, Guid? after = null, CancellationToken cancellationToken = default);

    /// <summary>A page of history: each checkpoint with the old and new values of the fields it changed.</summary>
    Task<HistoryPage> GetHistoryAsync(int limit = 50, int offset = 0, CancellationToken cancellationToken = default);

    /// <summary>The state at <paramref name="point"/> as <c>getState</c> answers it (with <c>version</c>), or null before the actor existed.</summary>
    Task<JsonObject?> GetStateJsonAsync(StatePointBody point, CancellationToken cancellationToken = default);

    /// <summary>What changed between two points: <c>{ added, changed: { field: { from, to } }, removed }</c>.</summary>
    Task<JsonObject> DiffAsync(StatePointBody from, StatePointBody to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewinds to a checkpoint, version or time (optionally only some fields): the difference to the current state is
    /// appended as a new checkpoint, so history is never edited and the rewind can be rewound.
    /// </summary>
    Task<RewindResult> RewindAsync(RewindBody target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the actor's personal data for <paramref name="reason"/> (required): an ERASE checkpoint whose event makes the
    /// personal fields null, audited, with the actor's data keys destroyed in its transaction, so no earlier value of them
    /// can be read again by anyone. The rest of the history stays.
    /// </summary>
    Task<EraseResult> EraseAsync(string reason, CancellationToken cancellationToken = default);

    /// <summary>Adds a tag.</summary>
    Task<CommandResult> AddTagAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes a tag.</summary>
    Task<CommandResult> RemoveTagAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Soft-deletes the actor: later commands are refused (410) until <see cref="UndeleteAsync"/>.</summary>
    Task<CommandResult> DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Undoes a soft delete.</summary>
    Task<CommandResult> UndeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Mutation sets (checkpoints with their stored events) from <paramref name="fromVersion"/> on, at most <paramref name="limit"/>, read from the journal.</summary>
    Task<IReadOnlyList<MutationSetRecord>> ReadMutationSetsAsync(long fromVersion, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when the actor's version passes <paramref name="version"/>, or when <paramref name="timeout"/> has passed;
    /// answers the version then. Runs beside the actor's turns, so followers of its history wait here without blocking it.
    /// </summary>
    [AlwaysInterleave]
    Task<long> WaitForVersionAsync(long version, TimeSpan timeout, CancellationToken cancellationToken = default);
}
