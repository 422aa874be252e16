using System.Threading.Channels;

namespace Actors.Storage.Postgres;

/// <summary>One request waiting for its group: what to write (or read), and the caller waiting for the answer.</summary>
internal sealed class Pending<TRequest, TResult>(TRequest request)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TRequest Request { get; } = request;

    public Task<TResult> Task => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    public void Succeed(TResult result) => _completion.TrySetResult(result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>
/// Group commit (and its read-side twin): concurrent callers each hand over one request and wait; a few loops each take
/// every request queued at that moment (up to a limit) and run them together, in one statement, so that for writes one
/// transaction and one WAL flush serve them all. Under low load a request is taken at once and runs alone, so nothing
/// waits for a group to fill. The delegate must complete every request of the group it is given; one it leaves open
/// fails, never hangs.
/// </summary>
internal sealed class GroupQueue<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending<TRequest, TResult>> _queue =
        Channel.CreateUnbounded<Pending<TRequest, TResult>>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Func<IReadOnlyList<Pending<TRequest, TResult>>, Task> _runAsync;
    private readonly int _maxGroupSize;
    private readonly Task[] _loops;

    public GroupQueue(int loops, int maxGroupSize, Func<IReadOnlyList<Pending<TRequest, TResult>>, Task> runAsync)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(loops);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxGroupSize);
        _runAsync = runAsync;
        _maxGroupSize = maxGroupSize;
        _loops = [.. Enumerable.Range(0, loops).Select(_ => Task.Run(LoopAsync))];
    }

    /// <summary>Queues <paramref name="request"/> and returns when its group has run (or failed).</summary>
    /// <exception cref="ObjectDisposedException">The store is shutting down.</exception>
    public Task<TResult> RunAsync(TRequest request)
    {
        var pending = new Pending<TRequest, TResult>(request);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgresJournalStore), "The journal store is shutting down.");
        }

        return pending.Task;
    }

    private async Task LoopAsync()
    {
        var group = new List<Pending<TRequest, TResult>>(_maxGroupSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < _maxGroupSize && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await _runAsync(group);
            }
            catch (Exception exception)
            {
                foreach (var pending in group)
                {
                    pending.Fail(exception);
                }
            }

            foreach (var pending in group.Where(p => !p.IsCompleted))
            {
                pending.Fail(new InvalidOperationException("The group left a request without an answer."));
            }

            group.Clear();
        }
    }

    /// <summary>Stops taking requests, lets the queued ones run, and waits for the loops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }
}
