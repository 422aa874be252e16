using System.Threading.Channels;

namespace Actors.Storage.Postgres;

/// <summary>One write waiting for its group: what to write, and the caller waiting for the answer.</summary>
internal sealed class PendingWrite<TRequest, TResult>(TRequest request)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TRequest Request { get; } = request;

    public Task<TResult> Task => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    public void Succeed(TResult result) => _completion.TrySetResult(result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>
/// Group commit: concurrent callers each hand over one write and wait; a few writer loops each take every write queued
/// at that moment (up to a limit) and commit them together, in one statement and one transaction, so that one WAL flush
/// serves them all. Under low load a write is taken at once and committed alone, so nothing waits for a group to fill.
/// The commit delegate must complete every write of the group it is given; one it leaves open fails, never hangs.
/// </summary>
internal sealed class GroupCommitQueue<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<PendingWrite<TRequest, TResult>> _queue =
        Channel.CreateUnbounded<PendingWrite<TRequest, TResult>>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Func<IReadOnlyList<PendingWrite<TRequest, TResult>>, Task> _commitAsync;
    private readonly int _maxGroupSize;
    private readonly Task[] _writers;

    public GroupCommitQueue(int writers, int maxGroupSize, Func<IReadOnlyList<PendingWrite<TRequest, TResult>>, Task> commitAsync)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(writers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxGroupSize);
        _commitAsync = commitAsync;
        _maxGroupSize = maxGroupSize;
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <summary>Queues <paramref name="request"/> and returns when its group has committed (or failed).</summary>
    /// <exception cref="ObjectDisposedException">The store is shutting down.</exception>
    public Task<TResult> WriteAsync(TRequest request)
    {
        var pending = new PendingWrite<TRequest, TResult>(request);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgresJournalStore), "The journal store is shutting down.");
        }

        return pending.Task;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingWrite<TRequest, TResult>>(_maxGroupSize);
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
                await _commitAsync(group);
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
                pending.Fail(new InvalidOperationException("The group commit left a write without an answer."));
            }

            group.Clear();
        }
    }

    /// <summary>Stops taking writes, lets the queued ones commit, and waits for the writer loops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }
}
