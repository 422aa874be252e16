using Actors.Grains;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Client.Transport;

namespace Actors.Client;

/// <summary>
/// A reference to one actor, as Orleans' grain references: cheap to create, holds no state, and the actor is
/// activated on the server by the first call. Get one from <see cref="ActorsClient.GetActor{TActor}(string)"/>.
/// </summary>
/// <typeparam name="TActor">The actor's interface, e.g. <c>IOrderActor</c>.</typeparam>
public sealed class ActorRef<TActor> : ActorScope<TActor>
    where TActor : IActorGrain
{
    private readonly IActorTransport _transport;

    internal ActorRef(IActorTransport transport, ActorKey key)
        : base(key)
    {
        _transport = transport;
    }

    /// <summary>
    /// Opens a preview of this actor: commands, rewinds and reads sent through it run against an isolated copy,
    /// later calls see the effect of earlier ones, and nothing is ever persisted. See <see cref="ActorPreview{TActor}"/>.
    /// </summary>
    public ActorPreview<TActor> Preview() => new(_transport, Key);

    /// <summary>
    /// Restores the actor to <paramref name="target"/>: a REWIND checkpoint that carries <paramref name="reason"/> and is
    /// audited as a restore, as <c>POST .../restore</c> does. Answers the restored state, every field and edge and
    /// <c>version</c>. Over HTTP it is sent with an <c>Idempotency-Key</c>, so a retry after a lost answer restores once.
    /// </summary>
    /// <param name="target">The point to restore: a checkpoint, a version or a time.</param>
    /// <param name="reason">
    /// Why; stored on the checkpoint and in the audit log. Optional, as for every rewind, unless the server sets
    /// <c>Actors:History:RequireReason</c>: then a missing or blank one is refused (InvalidMessage).
    /// </param>
    /// <param name="fields">Restore only these fields; all when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ActorRefusedException">NotFound for a point that does not exist; InvalidMessage for a reason the server requires.</exception>
    /// <exception cref="ActorForbiddenException">The caller lacks <c>actors/&lt;type&gt;:rewind</c>.</exception>
    public Task<JsonObject> RestoreAsync(HistoryPoint target, string? reason = null, IEnumerable<string>? fields = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _transport.RestoreAsync(Key, ActorCommand.Rewind(target, reason, fields), cancellationToken);
    }

    /// <summary>
    /// The actor's mutation sets (checkpoints with their stored events) from version <paramref name="fromVersion"/> on, in
    /// version order. Without <paramref name="follow"/> the sequence ends with the newest one; with it, it stays open and
    /// yields each mutation set as it commits, until <paramref name="cancellationToken"/> is cancelled. Over HTTP this is the
    /// <c>replay</c> server-sent-event stream: a dropped connection is resumed with <c>Last-Event-ID</c>, so nothing is
    /// missed or repeated (at most <see cref="ActorsHttpOptions.MaxRetries"/> attempts in a row that bring nothing).
    /// Through Orleans it reads the journal through the actor's grain and, following, waits in the grain for its next
    /// commit (a long poll that answers at once when a commit lands), wherever in the cluster the actor is active.
    /// </summary>
    /// <exception cref="ActorRefusedException">NotFound when the actor does not exist and <paramref name="follow"/> is false.</exception>
    /// <exception cref="ActorForbiddenException">The caller lacks <c>actors/&lt;type&gt;:read</c>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IAsyncEnumerable<MutationSetEvent> ReplayAsync(long fromVersion = 1, bool follow = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromVersion, 1);
        return _transport.ReplayAsync(Key, fromVersion, follow, cancellationToken);
    }

    /// <inheritdoc />
    private protected override bool Persists => true;

    /// <inheritdoc />
    private protected override Task<BatchResponse> ExecuteAsync(IReadOnlyList<ActorCommand> commands, SendOptions options, CancellationToken cancellationToken) =>
        _transport.SendAsync(Key, commands, preview: false, options, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Key.ToString();
}
