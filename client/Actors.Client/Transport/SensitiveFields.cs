using System.Text.Json.Nodes;

namespace Actors.Client.Transport;

/// <summary>Masks sensitive fields at any depth of an answer, as the gateway does for callers without <c>:pii</c>.</summary>
internal static class SensitiveFields
{
    public static JsonNode? Mask(JsonNode? node, IReadOnlySet<string> fields)
    {
        if (fields.Count == 0)
        {
            return node;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (fields.Contains(name))
                    {
                        obj[name] = value is null ? null : MaskValue(value.ToString());
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

    private static string MaskValue(string value) => value.Length > 4 ? $"****{value[^4..]}" : "****";
}
