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
}
