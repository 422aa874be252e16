using System.Text.Json.Nodes;

namespace Actors.Grains;

/// <summary>
/// The difference between two states, field by field at the top level: what <c>diff</c>, <c>getHistory</c>,
/// <c>getPendingChanges</c> and <c>rewind</c> all report. A null state (before the actor existed) has no fields.
/// </summary>
public sealed record StateDiff(JsonObject Added, JsonObject Changed, JsonObject Removed)
{
    /// <summary>Fields that differ between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static StateDiff Between(JsonObject? from, JsonObject? to)
    {
        var added = new JsonObject();
        var changed = new JsonObject();
        var removed = new JsonObject();
        foreach (var (field, after) in to ?? [])
        {
            if (from is null || !from.TryGetPropertyValue(field, out var before))
            {
                added[field] = after?.DeepClone();
            }
            else if (!JsonNode.DeepEquals(before, after))
            {
                changed[field] = new JsonObject { ["from"] = before?.DeepClone(), ["to"] = after?.DeepClone() };
            }
        }

        foreach (var (field, before) in from ?? [])
        {
            if (to is null || !to.ContainsKey(field))
            {
                removed[field] = before?.DeepClone();
            }
        }

        return new StateDiff(added, changed, removed);
    }

    /// <summary>The old values of the fields that changed or went away.</summary>
    public JsonObject OldValues()
    {
        var old = new JsonObject();
        foreach (var (field, change) in Changed)
        {
            old[field] = change!["from"]?.DeepClone();
        }

        foreach (var (field, value) in Removed)
        {
            old[field] = value?.DeepClone();
        }

        return old;
    }

    /// <summary>The new values of the fields that changed or appeared.</summary>
    public JsonObject NewValues()
    {
        var values = new JsonObject();
        foreach (var (field, change) in Changed)
        {
            values[field] = change!["to"]?.DeepClone();
        }

        foreach (var (field, value) in Added)
        {
            values[field] = value?.DeepClone();
        }

        return values;
    }

    /// <summary>As <c>getPendingChanges</c> answers it: <c>[{ path, operation, before, after }]</c>.</summary>
    public JsonArray Operations()
    {
        var operations = new JsonArray();
        foreach (var (field, value) in Added)
        {
            operations.Add(Operation(field, "add", null, value));
        }

        foreach (var (field, change) in Changed)
        {
            operations.Add(Operation(field, "replace", change!["from"], change["to"]));
        }

        foreach (var (field, value) in Removed)
        {
            operations.Add(Operation(field, "remove", value, null));
        }

        return operations;
    }

    /// <summary>The answer of <c>diff</c>: <c>{ added, changed, removed }</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["added"] = Added.DeepClone(),
        ["changed"] = Changed.DeepClone(),
        ["removed"] = Removed.DeepClone(),
    };

    private static JsonObject Operation(string field, string operation, JsonNode? before, JsonNode? after) => new()
    {
        ["path"] = $"/{field}",
        ["operation"] = operation,
        ["before"] = before?.DeepClone(),
        ["after"] = after?.DeepClone(),
    };
}
