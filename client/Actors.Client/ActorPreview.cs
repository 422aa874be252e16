using Actors.Grains;
using Actors.Abstractions;
using Actors.Client.Transport;

namespace Actors.Client;

/// <summary>
/// A preview of one actor (PROTOCOL.md's <c>?preview</c>): nothing sent through it is persisted, no checkpoint and no
/// activity entry are written, and no other caller sees it. Later calls see the effect of earlier ones: every call is
/// sent as one <c>?preview</c> batch made of the scope's earlier commands followed by the call's own messages, and
/// answers only its own results. The scope is pinned to the version the first call saw (<c>If-Match</c>), so if the
/// actor moves on meanwhile, the next call is refused as PreconditionFailed instead of mixing two histories.
/// Generated values (checkpoint ids, generated line ids, times) are made anew by each call. Make one call at a
/// time: a preview is a sequence, not meant to be shared between concurrent callers.
/// </summary>
/// <typeparam name="TActor">The actor's interface, e.g. <c>IOrderActor</c>.</typeparam>
public sealed class ActorPreview<TActor> : ActorScope<TActor>, IAsyncDisposable
    where TActor : IActorGrain
{
    private readonly IActorTransport _transport;
    private readonly List<ActorCommand> _commands = [];
    private long? _version;
    private bool _disposed;

    internal ActorPreview(IActorTransport transport, ActorKey key)
        : base(key)
    {
        _transport = transport;
    }

    /// <summary>The commands this preview applied so far, replayed before every later call; reads are not kept.</summary>
    public IReadOnlyList<ActorCommand> Commands => _commands;

    /// <summary>The actor's persisted version this preview is based on, once the first call answered.</summary>
    public long? BaseVersion => _version;

    /// <summary>
    /// What would this do: applies <paramref name="commands"/> in the preview (when given; they stay part of it, as with
    /// <see cref="ActorScope{TActor}.SendAsync(IEnumerable{ActorCommand}, SendOptions?, CancellationToken)"/>) and answers how
    /// everything the preview did so far would change the persisted state, field by field. Nothing is persisted.
    /// </summary>
    /// <exception cref="ActorRequestException">A command was refused; the preview is left as it was.</exception>
    public async Task<IReadOnlyList<PendingChange>> GetPendingChangesAsync(IEnumerable<ActorCommand>? commands = null, CancellationToken cancellationToken = default)
    {
        List<ActorCommand> batch = [.. commands ?? [], ActorCommand.GetPendingChanges()];
        var response = await ExecuteAsync(batch, new SendOptions(), cancellationToken);
        return response.Get(batch.Count - 1, ClientJsonContext.Default.ListPendingChange);
    }

    /// <summary>Ends the preview; its commands are forgotten (none was ever persisted).</summary>
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        _commands.Clear();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    private protected override bool Persists => false;

    /// <inheritdoc />
    private protected override async Task<BatchResponse> ExecuteAsync(IReadOnlyList<ActorCommand> commands, SendOptions options, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var prior = _commands.Count;
        var batch = new List<ActorCommand>(prior + commands.Count);
        batch.AddRange(_commands);
        batch.AddRange(commands);
        var pinned = new SendOptions { ExpectedVersion = options.ExpectedVersion ?? _version };
        BatchResponse response;
        try
        {
            response = await _transport.SendAsync(Key, batch, preview: true, pinned, cancellationToken);
        }
        catch (ActorRequestException e) when (e.MessageIndex is { } index && prior > 0 && index >= prior)
        {
            // The server counts from the start of the replayed batch; the caller counts from its own first message.
            var problem = e.Problem;
            problem["messageIndex"] = index - prior;
            throw ProblemDetails.ToException(e.Status, problem, (e as ActorStorageUnavailableException)?.RetryAfter, e);
        }

        _version ??= response.Version;
        _commands.AddRange(commands.Where(c => !c.IsRead));
        return response with { Results = [.. response.Results.Skip(prior)] };
    }
}
