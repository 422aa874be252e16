namespace Actors.Gateway;

/// <summary>Limits on what a request may be, bound from <c>Actors:Gateway</c>. Defaults are safe for the open internet.</summary>
public sealed class GatewayOptions
{
    /// <summary>The largest request body accepted, in bytes (413 above).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most messages one batch may hold (413 above).</summary>
    public int MaxBatchLength { get; set; } = 100;

    /// <summary>The deepest JSON nesting accepted (400 above).</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>The longest <c>Idempotency-Key</c> accepted.</summary>
    public int MaxIdempotencyKeyLength { get; set; } = 200;

    /// <summary>How long a client may take to send the request line and headers before the connection is closed.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A body arriving slower than this (after <see cref="BodyGracePeriod"/>) is cut off with 408.</summary>
    public double MinBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a slow body is tolerated before <see cref="MinBodyBytesPerSecond"/> applies.</summary>
    public TimeSpan BodyGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a stopping silo keeps answering before its HTTP server stops: every answer meanwhile says
    /// <c>Connection: close</c> and <c>/health/ready</c> says 503, so clients and load balancers move to other silos
    /// instead of sending a request on a connection the server is closing.
    /// </summary>
    public TimeSpan ShutdownDrain { get; set; } = TimeSpan.FromSeconds(1);
}
