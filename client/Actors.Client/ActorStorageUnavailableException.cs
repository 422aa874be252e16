using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>
/// The journal store could not be reached (503), still after the HTTP client's retries. Nothing was applied
/// unless an earlier attempt with the same idempotency key was; sending the batch again with that key is safe.
/// </summary>
public sealed class ActorStorageUnavailableException(JsonObject problem, TimeSpan? retryAfter, Exception? innerException = null)
    : ActorRequestException(503, problem, innerException)
{
    /// <summary>How long the server asked to wait before retrying, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
