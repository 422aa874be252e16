using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>
/// How an actor's state differs between two points, in PROTOCOL.md's <c>diff</c> shape: fields only the later state
/// has, fields whose value changed, and fields only the earlier state has. <c>version</c> is not compared.
/// </summary>
/// <param name="Added">Fields present only at the later point, with their values.</param>
/// <param name="Changed">Fields present at both points with different values.</param>
/// <param name="Removed">Fields present only at the earlier point, with their values then.</param>
public sealed record StateDiff(JsonObject Added, IReadOnlyDictionary<string, FieldChange> Changed, JsonObject Removed)
{
    /// <summary>True when both points hold the same state.</summary>
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;

    /// <summary>Computes the difference from <paramref name="from"/> to <paramref name="to"/>; null means "did not exist".</summary>
    public static StateDiff Between(JsonObject? from, JsonObject? to)
    {
        var added = new JsonObject();
        var removed = new JsonObject();
        var changed = new SortedDictionary<string, FieldChange>(StringComparer.Ordinal);
        var before = from ?? [];
        var after = to ?? [];
        foreach (var (field, value) in after)
        {
            if (field == "version")
            {
                continue;
            }

            if (!before.TryGetPropertyValue(field, out var old))
            {
                added[field] = value?.DeepClone();
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                changed[field] = new FieldChange(old?.DeepClone(), value?.DeepClone());
            }
        }

        foreach (var (field, value) in before)
        {
            if (field != "version" && !after.ContainsKey(field))
            {
                removed[field] = value?.DeepClone();
            }
        }

        return new StateDiff(added, changed, removed);
    }

    /// <summary>Reads the server's <c>diff</c> answer, <c>{ added, changed: { field: { from, to } }, removed }</c>.</summary>
    internal static StateDiff FromJson(JsonObject json)
    {
        var changed = new SortedDictionary<string, FieldChange>(StringComparer.Ordinal);
        foreach (var (field, change) in json["changed"] as JsonObject ?? [])
        {
            changed[field] = new FieldChange(change?["from"]?.DeepClone(), change?["to"]?.DeepClone());
        }

        return new StateDiff(
            (json["added"] as JsonObject)?.DeepClone().AsObject() ?? [],
            changed,
            (json["removed"] as JsonObject)?.DeepClone().AsObject() ?? []);
    }

    /// <summary>The diff as JSON: <c>{ "added": {...}, "changed": { field: { "from", "to" } }, "removed": {...} }</c>.</summary>
    public JsonObject ToJson()
    {
        var changed = new JsonObject();
        foreach (var (field, change) in Changed)
        {
            changed[field] = new JsonObject { ["from"] = change.From?.DeepClone(), ["to"] = change.To?.DeepClone() };
        }

        return new JsonObject { ["added"] = Added.DeepClone(), ["changed"] = changed, ["removed"] = Removed.DeepClone() };
    }
}
