namespace Actors.Client;

/// <summary>How to send one batch.</summary>
public sealed record SendOptions
{
    /// <summary>
    /// Refuse the batch (<see cref="ActorRefusedException"/> with <c>PreconditionFailed</c>, HTTP 412) unless the actor
    /// is at this version. Sent as <c>If-Match: "&lt;version&gt;"</c>; <see cref="BatchResponse.Version"/> is the value to pass.
    /// </summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>
    /// Apply the batch at most once: a repeat with the same key answers the first result. Over HTTP a key is
    /// generated for every batch that changes something, and reused on its retries; set one to repeat a batch safely
    /// across processes.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
