using System.Text;

namespace Actors.Client.Transport;

/// <summary>
/// Reads server-sent events (the WHATWG <c>text/event-stream</c> format) from one response: <c>event</c>, <c>id</c> and
/// <c>data</c> fields, comments skipped. A connection silent for longer than the idle timeout is taken for dead.
/// </summary>
internal sealed class SseReader(Stream stream, TimeSpan idleTimeout, CancellationToken cancellationToken) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);
    private readonly CancellationTokenSource _idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

    /// <summary>True once anything (an event or a comment) arrived: the connection works.</summary>
    public bool Alive { get; private set; }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    /// <exception cref="IOException">The connection broke.</exception>
    /// <exception cref="TimeoutException">Nothing arrived for the idle timeout.</exception>
    public async Task<ServerSentEvent?> ReadAsync()
    {
        var type = "message";
        string? id = null;
        var data = new StringBuilder();
        var hasData = false;
        while (true)
        {
            string? line;
            _idle.CancelAfter(idleTimeout);
            try
            {
                line = await _reader.ReadLineAsync(_idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The replay stream was silent for {idleTimeout.TotalSeconds:0.#} s.");
            }

            if (line is null)
            {
                return null;
            }

            Alive = true;
            if (line.Length == 0)
            {
                if (hasData)
                {
                    return new ServerSentEvent(type, id, data.ToString());
                }

                type = "message";
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
            }
        }
    }

    public void Dispose()
    {
        _idle.Dispose();
        _reader.Dispose();
    }
}

/// <summary>One server-sent event.</summary>
internal sealed record ServerSentEvent(string Type, string? Id, string Data);
