using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>One server-sent event: its id and its JSON data.</summary>
public sealed record SseEvent(string? Id, string? Event, JsonObject Data);

/// <summary>Reads a <c>text/event-stream</c> as a browser's EventSource would, skipping comments.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    /// <summary>The reconnection delay the server asked for with a <c>retry:</c> field, in milliseconds; null until it does.</summary>
    public int? Retry { get; private set; }

    public async Task<SseEvent> NextAsync(CancellationToken cancellationToken) =>
        await NextOrEndAsync(cancellationToken) ?? throw new InvalidOperationException("The stream ended.");

    /// <summary>The next event, or null when the server closed the stream.</summary>
    public async Task<SseEvent?> NextOrEndAsync(CancellationToken cancellationToken)
    {
        string? id = null;
        string? name = null;
        string? data = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseEvent(id, name, JsonNode.Parse(data)!.AsObject());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    data = data is null ? value : $"{data}\n{value}";
                    break;
                case "retry" when int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds):
                    Retry = milliseconds;
                    break;
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
