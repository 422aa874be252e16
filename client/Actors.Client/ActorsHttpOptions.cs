namespace Actors.Client;

/// <summary>How the HTTP client retries transient failures (503, connection errors, timeouts) and resumes replay streams.</summary>
public sealed class ActorsHttpOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off. Every retry reuses the batch's <c>Idempotency-Key</c>.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The wait before the first retry; each further retry waits twice as long, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts, also when the server's <c>Retry-After</c> asks for more.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a replay stream may stay silent before the client takes the connection for dead and resumes it with
    /// <c>Last-Event-ID</c>; the server writes a <c>: waiting</c> comment every second while a followed actor is idle.
    /// </summary>
    public TimeSpan ReplayIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock the waits run on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
