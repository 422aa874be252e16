using Actors.Abstractions;
using Actors.Abstractions.Messages;

namespace Actors.Runtime.Hosting;

/// <summary>The runtime's non-generic handle on an actor: activation and the batch entry point.</summary>
public abstract class ActorBase : IEntityActor
{
    private ActorContext? _context;

    /// <summary>Who this actor is and where its journal lives; set before activation.</summary>
    protected ActorContext Context => _context ?? throw new InvalidOperationException("The actor is not activated.");

    /// <summary>This actor's address.</summary>
    protected ActorKey Key => Context.Key;

    internal bool IsActivated { get; private set; }

    internal async Task ActivateAsync(ActorContext context, CancellationToken cancellationToken)
    {
        _context = context;
        await OnActivateAsync(cancellationToken);
        IsActivated = true;
    }

    /// <summary>Points a fresh, never activated instance at an actor's journal, to rebuild past states without activating it.</summary>
    internal void Attach(ActorContext context) => _context = context;

    /// <summary>The state after mutation set <paramref name="version"/> as a query answers it, or null before the actor existed.</summary>
    internal abstract Task<System.Text.Json.Nodes.JsonObject?> ReadStateAsync(long version, CancellationToken cancellationToken);

    /// <summary>Loads what the actor needs before its first turn.</summary>
    protected abstract Task OnActivateAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract Task<BatchResult> ExecuteAsync(BatchRequest request, CancellationToken cancellationToken);
}
