using System.Collections.Concurrent;

namespace Actors.Storage.Tests.Clustering;

/// <summary>
/// Records what Orleans would otherwise end the process for (<c>Environment.FailFast</c>, for instance when a silo is told
/// it was declared dead): the test silos share the test run's process, so the test fails instead of the whole run.
/// </summary>
public sealed class RecordingFatalErrorHandler : IFatalErrorHandler
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null) =>
        _errors.Enqueue($"{sender}: {context} {exception}");
}
