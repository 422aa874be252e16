namespace Actors.Tests.Shared;

/// <summary>Waits for the wall clock, the one event a test of timestamps has to wait for.</summary>
public static class Clock
{
    /// <summary>
    /// Returns once <see cref="DateTimeOffset.UtcNow"/> is past <paramref name="instant"/>: one timer for the time left (a
    /// set written afterwards is stamped after it), then, should the timer have fired a tick early, a yield until it is.
    /// </summary>
    public static async Task PassAsync(DateTimeOffset instant)
    {
        var left = instant - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1));
        }

        while (DateTimeOffset.UtcNow <= instant)
        {
            await Task.Yield();
        }
    }
}
