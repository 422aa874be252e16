using Actors.Abstractions.Messages;

namespace Actors.Abstractions;

/// <summary>The one call every actor answers: run a batch of messages in one turn.</summary>
public interface IEntityActor
{
    /// <summary>Runs <paramref name="request"/> atomically: all its mutations become one checkpoint, or none.</summary>
    Task<BatchResult> ExecuteAsync(BatchRequest request, CancellationToken cancellationToken);
}
