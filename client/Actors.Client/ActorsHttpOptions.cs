namespace Actors.Client;

/// <summary>
/// How the HTTP client retries transient failures (its resilience pipeline: 5xx such as 503, 408, 429, connection errors,
/// attempts that timed out) and resumes replay streams.
/// </summary>
public sealed class ActorsHttpOptions
{
    /// <summary>
    /// Retries after the first attempt; 0 turns retrying off. Only requests safe to repeat are retried, and a batch that
    /// changes something repeats its <c>Idempotency-Key</c> on every attempt. A replay stream resumes this many times in a row.
    /// </summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The median wait before the first retry; each further retry waits about twice as long (with jitter), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts, also when the server's <c>Retry-After</c> asks for more.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one attempt may take before it is abandoned and retried; the whole call, retries included, is bounded by
    /// the <see cref="HttpClient.Timeout"/> (100 s unless set). Replay streams are not bounded by it.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a replay stream may stay silent before the client takes the connection for dead and resumes it with
    /// <c>Last-Event-ID</c>; the server writes a <c>: waiting</c> comment every second while a followed actor is idle.
    /// </summary>
    public TimeSpan ReplayIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock the waits run on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
