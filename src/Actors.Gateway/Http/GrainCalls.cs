namespace Actors.Gateway.Http;

/// <summary>Grain calls that survive another silo stopping or dying under them, when that is safe.</summary>
public static class GrainCalls
{
    /// <summary>How often a call is sent in all before its failure becomes the caller's 503.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The pause before the first resend; it doubles with each one (0.05 + 0.1 + 0.2 + 0.4 s at most).</summary>
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Runs <paramref name="call"/>, and runs it again while the cluster moves the actor to another silo:
    /// <list type="bullet">
    /// <item>when Orleans rejected it: a silo that is stopping rejects requests for the actors it is handing over
    /// ("Silo stopping"), and a request to a silo that just died may not connect at all. The grain never ran it, so
    /// sending it again applies nothing twice;</item>
    /// <item>when the silo it went to stopped or died before answering (<see cref="SiloUnavailableException"/>), only if
    /// <paramref name="repeatable"/>: the grain may have run it (a stopping silo even passes queued requests on to the
    /// actor's next activation), so only a call that changes nothing, or one the grain answers once per Idempotency-Key,
    /// may be sent again. Otherwise that is the caller's 503, to retry with a key of its own.</item>
    /// </list>
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, bool repeatable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (OrleansMessageRejectionException e) when ((repeatable || e is not SiloUnavailableException) && attempt < MaxAttempts)
            {
                await Task.Delay(pause, cancellationToken);
                pause *= 2;
            }
        }
    }
}
