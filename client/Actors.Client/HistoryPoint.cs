using System.Globalization;

namespace Actors.Client;

/// <summary>
/// A point in an actor's history: a checkpoint id, a version, or a time (the newest checkpoint at or before it).
/// Targets <c>rewind</c>, <c>getState</c> and diffs.
/// </summary>
public sealed record HistoryPoint
{
    private HistoryPoint(Guid? checkpointId, long? version, DateTimeOffset? timestamp)
    {
        CheckpointId = checkpointId;
        Version = version;
        Timestamp = timestamp;
    }

    /// <summary>The checkpoint, when the point is given by id.</summary>
    public Guid? CheckpointId { get; }

    /// <summary>The version (number of checkpoints), when the point is given by version.</summary>
    public long? Version { get; }

    /// <summary>The time, when the point is given by time.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The point right after checkpoint <paramref name="checkpointId"/>.</summary>
    public static HistoryPoint Checkpoint(Guid checkpointId) => new(checkpointId, null, null);

    /// <summary>The point at version <paramref name="version"/> (0 is before the actor existed, for <c>getState</c>).</summary>
    public static HistoryPoint AtVersion(long version) => new(null, version, null);

    /// <summary>The point at <paramref name="timestamp"/>: the newest checkpoint at or before it.</summary>
    public static HistoryPoint At(DateTimeOffset timestamp) => new(null, null, timestamp);

    /// <summary>Reads a checkpoint id (UUID), a version (an integer) or an ISO 8601 time, as people type them.</summary>
    /// <exception cref="FormatException">The text is none of the three.</exception>
    public static HistoryPoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Guid.TryParse(text, out var id))
        {
            return Checkpoint(id);
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return AtVersion(version);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return At(time);
        }

        throw new FormatException($"'{text}' is not a checkpoint id, a version or an ISO 8601 time such as 2025-01-15T10:30:00Z.");
    }

    /// <summary>The point as <c>diff</c> takes it: a version is a number, a checkpoint id or a time a string.</summary>
    internal System.Text.Json.JsonElement ToJsonElement()
    {
        System.Text.Json.Nodes.JsonNode node = CheckpointId is { } id ? id.ToString()
            : Version is { } v ? v
            : Timestamp!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
        return System.Text.Json.JsonSerializer.SerializeToElement(node, ClientJsonContext.Default.JsonNode);
    }

    /// <inheritdoc />
    public override string ToString() =>
        CheckpointId is { } id ? $"checkpoint {id}"
        : Version is { } v ? $"version {v.ToString(CultureInfo.InvariantCulture)}"
        : $"time {Timestamp!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture)}";
}
