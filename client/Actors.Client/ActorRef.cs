using Actors.Abstractions;
using Actors.Client.Transport;

namespace Actors.Client;

/// <summary>
/// A reference to one actor, as Orleans' grain references: cheap to create, holds no state, and the actor is
/// activated on the server by the first call. Get one from <see cref="ActorsClient.GetActor{TActor}(string)"/>.
/// </summary>
/// <typeparam name="TActor">The actor's interface, e.g. <c>IOrderActor</c>.</typeparam>
public sealed class ActorRef<TActor> : ActorScope<TActor>
    where TActor : IEntityActor
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

    /// <inheritdoc />
    private protected override Task<BatchResponse> ExecuteAsync(IReadOnlyList<ActorCommand> commands, SendOptions options, CancellationToken cancellationToken) =>
        _transport.SendAsync(Key, commands, preview: false, options, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Key.ToString();
}
