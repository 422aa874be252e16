using System.Text.Json.Nodes;

namespace Actors.Abstractions.Security;

/// <summary>Masks sensitive fields wherever they appear in an answer: state, metadata, history, results.</summary>
public static class SensitiveMasker
{
    /// <summary>Replaces the value of every property named in <paramref name="fields"/>, at any depth, with its mask.</summary>
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

    /// <summary><c>4111111111111111</c> becomes <c>****1111</c>; short values are masked whole.</summary>
    public static string MaskValue(string value) => value.Length > 4 ? $"****{value[^4..]}" : "****";
}
