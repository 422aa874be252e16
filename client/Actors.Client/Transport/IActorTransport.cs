using System.Text.Json.Nodes;
using Actors.Abstractions;

namespace Actors.Client.Transport;

/// <summary>
/// Carries one batch to one actor and back: through Orleans to the actor's grain (<see cref="GrainTransport"/>), or over
/// HTTP to a silo's gateway (<see cref="HttpTransport"/>).
/// </summary>
internal interface IActorTransport : IAsyncDisposable
{
    /// <summary>Runs <paramref name="commands"/> as one batch; answers every message's result.</summary>
    /// <exception cref="ActorRequestException">The batch was refused or failed; nothing of it was applied.</exception>
    Task<BatchResponse> SendAsync(ActorKey actor, IReadOnlyList<ActorCommand> commands, bool preview, SendOptions options, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="rewind"/> as a restore (audited as one) and answers the restored state with every edge.</summary>
    /// <exception cref="ActorRequestException">The restore was refused or failed; nothing was applied.</exception>
    Task<JsonObject> RestoreAsync(ActorKey actor, ActorCommand rewind, CancellationToken cancellationToken);

    /// <summary>The actor's mutation sets from version <paramref name="fromVersion"/> on; with <paramref name="follow"/>, also each later one as it commits.</summary>
    IAsyncEnumerable<MutationSetEvent> ReplayAsync(ActorKey actor, long fromVersion, bool follow, CancellationToken cancellationToken);
}
