namespace Actors.Gateway.Http;

/// <summary>Grain calls that survive another silo stopping or dying under them, when that is safe.</summary>
public static class GrainCalls
{
    /// <summary>How often a rejected call is sent in all, before the rejection becomes the caller's 503.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The pause before the first resend; it doubles with each one (0.05 + 0.1 + 0.2 + 0.4 s at most).</summary>
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Runs <paramref name="call"/>, and runs it again when Orleans rejected it: a silo that is stopping rejects the
    /// requests for the actors it is handing over ("Silo stopping"), and a request to a silo that just died may not
    /// connect at all. Either way the grain never ran it, so sending it again (once the cluster has moved the actor)
    /// applies nothing twice. <see cref="SiloUnavailableException"/> is not retried: it means the silo died while the
    /// request was out, perhaps after the grain ran it; that is the caller's 503 to retry with its Idempotency-Key.
    /// </summary>
    public static async Task<T> RetryRejectedAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (OrleansMessageRejectionException e) when (e is not SiloUnavailableException && attempt < MaxAttempts)
            {
                await Task.Delay(pause, cancellationToken);
                pause *= 2;
            }
        }
    }
}
