using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Client;

namespace Actors.Cli;

/// <summary>How values are written, for people and for scripts.</summary>
public static class Format
{
    /// <summary>A time as the server writes it: UTC, microseconds, <c>Z</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A value in a table cell: strings as they are, anything else as compact JSON.</summary>
    public static string Value(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    /// <summary>An operation for a table: a REWIND names its target (<c>REWIND to v1</c>).</summary>
    public static string Operation(string operation, RewindPoint? rewind) =>
        rewind is null ? operation : $"{operation} to v{rewind.Version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A rewind's target in the server's <c>getHistory</c> shape.</summary>
    public static JsonObject Json(RewindPoint target) => new()
    {
        ["checkpointId"] = target.CheckpointId.ToString(),
        ["version"] = target.Version,
        ["timestamp"] = Time(target.Timestamp),
    };

    /// <summary>A checkpoint in the server's <c>getCheckpoints</c> shape.</summary>
    public static JsonObject Json(Checkpoint checkpoint)
    {
        var json = new JsonObject
        {
            ["checkpointId"] = checkpoint.CheckpointId.ToString(),
            ["timestamp"] = Time(checkpoint.Timestamp),
            ["version"] = checkpoint.Version,
            ["principal"] = checkpoint.Principal,
            ["operation"] = checkpoint.Operation,
            ["metadata"] = checkpoint.Metadata?.DeepClone(),
        };
        if (checkpoint.Reason is not null)
        {
            json["reason"] = checkpoint.Reason;
        }

        return json;
    }

    /// <summary>A rewind's answer in the server's shape: <c>checkpointId</c> and <c>timestamp</c> are the target's, <c>version</c> the new checkpoint's.</summary>
    public static JsonObject Json(RewindOutcome outcome) => new()
    {
        ["success"] = true,
        ["checkpointId"] = outcome.Target.CheckpointId.ToString(),
        ["timestamp"] = Time(outcome.Target.Timestamp),
        ["checkpointsAffected"] = outcome.CheckpointsAffected,
        ["version"] = outcome.Checkpoint.Version,
    };

    /// <summary>A replayed mutation set in the shape of the replay stream's <c>data</c>.</summary>
    public static JsonObject Json(MutationSetEvent set) => new()
    {
        ["checkpointId"] = set.CheckpointId.ToString(),
        ["version"] = set.Version,
        ["globalVersion"] = set.GlobalVersion,
        ["timestamp"] = Time(set.Timestamp),
        ["principal"] = set.Principal,
        ["operation"] = set.Operation,
        ["reason"] = set.Reason,
        ["metadata"] = set.Metadata?.DeepClone(),
        ["events"] = set.Events.DeepClone(),
    };

    /// <summary>A history entry in the server's <c>getHistory</c> shape.</summary>
    public static JsonObject Json(HistoryEntry entry)
    {
        var json = new JsonObject
        {
            ["eventId"] = entry.CheckpointId.ToString(),
            ["version"] = entry.Version,
            ["timestamp"] = Time(entry.Timestamp),
            ["principal"] = entry.Principal,
            ["operation"] = entry.Operation,
            ["oldValue"] = entry.OldValue?.DeepClone(),
            ["newValue"] = entry.NewValue?.DeepClone(),
        };
        if (entry.Reason is not null)
        {
            json["reason"] = entry.Reason;
        }

        if (entry.Rewind is not null)
        {
            json["rewind"] = Json(entry.Rewind);
        }

        return json;
    }

    /// <summary>A state as a FIELD / VALUE table.</summary>
    public static Table Fields(JsonObject state)
    {
        var table = new Table("FIELD", "VALUE");
        foreach (var (field, value) in state)
        {
            table.Add(field, Value(value));
        }

        return table;
    }
}
