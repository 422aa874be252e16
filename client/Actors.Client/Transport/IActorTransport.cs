using Actors.Abstractions;

namespace Actors.Client.Transport;

/// <summary>Carries one batch to one actor and back: in-process to the runtime, or over HTTP to a silo.</summary>
internal interface IActorTransport : IAsyncDisposable
{
    /// <summary>Runs <paramref name="commands"/> as one batch; answers every message's result.</summary>
    /// <exception cref="ActorRequestException">The batch was refused or failed; nothing of it was applied.</exception>
    Task<BatchResponse> SendAsync(ActorKey actor, IReadOnlyList<ActorCommand> commands, bool preview, SendOptions options, CancellationToken cancellationToken);
}
