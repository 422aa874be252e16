using System.Text.Json.Nodes;

namespace Actors.Abstractions.Security;

/// <summary>
/// Masks sensitive fields wherever they appear in an answer: state, metadata, history, diffs, pending changes,
/// events. A field is found by its property name at any depth, and by a JSON pointer naming it in a
/// <c>{ "path": "/cardNumber", "before", "after" }</c> change.
/// </summary>
public static class SensitiveMasker
{
    /// <summary>Masks every value of a field named in <paramref name="fields"/>, at any depth; answers <paramref name="node"/>.</summary>
    public static JsonNode? Mask(JsonNode? node, IReadOnlySet<string> fields)
    {
        if (fields.Count == 0)
        {
            return node;
        }

        switch (node)
        {
            case JsonObject obj:
                var changeOfSensitiveField = obj["path"] is JsonValue path && path.TryGetValue<string>(out var pointer)
                    && pointer.StartsWith('/') && fields.Contains(pointer[1..]);
                foreach (var (name, value) in obj.ToList())
                {
                    if (fields.Contains(name) || (changeOfSensitiveField && name is "before" or "after"))
                    {
                        obj[name] = MaskAll(value);
                    }
                    else
                    {
                        Mask(value, fields);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Mask(item, fields);
                }

                break;
        }

        return node;
    }

    /// <summary><c>4111111111111111</c> becomes <c>****1111</c>; short values are masked whole.</summary>
    public static string MaskValue(string value) => value.Length > 4 ? $"****{value[^4..]}" : "****";

    /// <summary>A sensitive value: a scalar is masked; in an object or array (a diff's <c>{from, to}</c>) every scalar is.</summary>
    private static JsonNode? MaskAll(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    obj[name] = MaskAll(child);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = MaskAll(array[i]?.DeepClone());
                }

                return array;
            default:
                return value.GetValueKind() == System.Text.Json.JsonValueKind.Null ? null : MaskValue(value.ToString());
        }
    }
}
