using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>
/// The journal store or the actor's silo could not be reached (503): over HTTP still after the client's retries, through
/// Orleans at once (the client does not retry there). Nothing was applied unless an earlier attempt with the same
/// idempotency key was; sending the batch again with that key is safe.
/// </summary>
public sealed class ActorStorageUnavailableException(JsonObject problem, TimeSpan? retryAfter, Exception? innerException = null)
    : ActorRequestException(503, problem, innerException)
{
    /// <summary>How long the server asked to wait before retrying, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
