namespace Actors.Tests.Shared;

/// <summary>
/// Waits for a condition that announces itself by no event: PostgreSQL's event feed holds back sets above the server's
/// oldest open transaction, and nothing tells a client when another session's transaction (on a server the test run
/// shares) has ended. One place reads again until the answer is complete, and fails the test, with the last answer,
/// when the timeout passes instead of letting it go on with a partial one.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Calls <paramref name="read"/> until <paramref name="done"/> holds for its answer, at most for <paramref name="timeout"/>.</summary>
    public static async Task<T> ReadUntilAsync<T>(
        Func<CancellationToken, Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var ticks = new PeriodicTimer(Interval);
        var answer = await read(cancellationToken);
        while (!done(answer))
        {
            try
            {
                await ticks.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0.#} s; the last answer was {answer}.");
            }

            answer = await read(cancellationToken);
        }

        return answer;
    }
}
