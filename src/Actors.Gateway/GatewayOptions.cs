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

    /// <summary>
    /// The longest request target (path and query) the gateway serves: 414 problem above. Kestrel itself refuses, without
    /// a body, a request line longer than twice this (<see cref="KestrelLimit"/>).
    /// </summary>
    public int MaxUrlLength { get; set; } = 8 * 1024;

    /// <summary>The most header bytes (names, values, separators) a request may carry: 431 problem above (Kestrel: twice).</summary>
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>The most header lines a request may carry: 431 problem above (Kestrel: twice).</summary>
    public int MaxHeaderCount { get; set; } = 100;

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

    /// <summary>
    /// Kestrel's own limit for one of the gateway's: twice as much, so requests between the two reach the gateway, which
    /// refuses them with a problem body; Kestrel refuses what lies beyond before any application code runs, without one.
    /// </summary>
    public static int KestrelLimit(int gatewayLimit) => gatewayLimit > int.MaxValue / 2 ? int.MaxValue : gatewayLimit * 2;
}
