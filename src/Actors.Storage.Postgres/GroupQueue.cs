using System.Diagnostics;
using System.Threading.Channels;

namespace Actors.Storage.Postgres;

/// <summary>One request waiting for its group: what to write (or read), and the caller waiting for the answer.</summary>
internal sealed class Pending<TRequest, TResult>(TRequest request)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TRequest Request { get; } = request;

    /// <summary>The caller's span when it queued the request (usually <c>actors.append</c>), if any.</summary>
    public Activity? Caller { get; } = Activity.Current;

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
/// fails, never hangs. A request alone is traced under its caller's span; a group under a span of its own
/// (<c>actors.journal.group</c>), a child of the first caller's span and linked to every caller's.
/// </summary>
internal sealed class GroupQueue<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending<TRequest, TResult>> _queue =
        Channel.CreateUnbounded<Pending<TRequest, TResult>>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly string _kind;
    private readonly Func<IReadOnlyList<Pending<TRequest, TResult>>, Task> _runAsync;
    private readonly int _maxGroupSize;
    private readonly Task[] _loops;

    /// <param name="kind">What the groups do (append, audit, catch-up read), for their spans.</param>
    public GroupQueue(string kind, int loops, int maxGroupSize, Func<IReadOnlyList<Pending<TRequest, TResult>>, Task> runAsync)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(loops);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxGroupSize);
        _kind = kind;
        _runAsync = runAsync;
        _maxGroupSize = maxGroupSize;

        // The loops outlive whatever created the store: they keep none of its execution context (an ambient span, Orleans'
        // RequestContext). Each group then runs in its callers' trace, set below.
        using (ExecutionContext.SuppressFlow())
        {
            _loops = [.. Enumerable.Range(0, loops).Select(_ => Task.Run(LoopAsync))];
        }
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

            Activity.Current = group[0].Caller;
            using (var span = StartGroupSpan(group))
            {
                try
                {
                    await _runAsync(group);
                }
                catch (Exception exception)
                {
                    span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                    foreach (var pending in group)
                    {
                        pending.Fail(exception);
                    }
                }
            }

            Activity.Current = null;

            foreach (var pending in group.Where(p => !p.IsCompleted))
            {
                pending.Fail(new InvalidOperationException("The group left a request without an answer."));
            }

            group.Clear();
        }
    }

    /// <summary>A span for a group of several requests (under the current one, the first caller's); none for a request alone.</summary>
    private Activity? StartGroupSpan(List<Pending<TRequest, TResult>> group)
    {
        if (group.Count == 1 || !PostgresJournalTelemetry.Source.HasListeners())
        {
            return null;
        }

        var links = group.Where(p => p.Caller is not null).Select(p => new ActivityLink(p.Caller!.Context));
        var span = PostgresJournalTelemetry.Source.StartActivity("actors.journal.group", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag("kind", _kind);
        span?.SetTag("group.size", group.Count);
        return span;
    }

    /// <summary>Stops taking requests, lets the queued ones run, and waits for the loops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }
}
