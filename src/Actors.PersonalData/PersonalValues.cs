using System.Text.Json.Nodes;

namespace Actors.PersonalData;

/// <summary>Where a JSON document holds personal values: see <see cref="PersonalFieldCatalog"/>.</summary>
internal static class PersonalValues
{
    /// <summary>A place that holds a personal value: <c>Parent[Name]</c>, a value of field <c>Field</c>.</summary>
    public readonly record struct Place(JsonObject Parent, string Name, string Field)
    {
        public JsonNode? Value => Parent[Name];
    }

    /// <summary>True when <paramref name="json"/> may hold a value of one of <paramref name="fields"/>: it names one.</summary>
    public static bool MayHold(string json, IReadOnlySet<string> fields)
    {
        foreach (var field in fields)
        {
            if (json.Contains(field, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every place in <paramref name="node"/> that holds a non-null value of one of <paramref name="fields"/>.</summary>
    public static List<Place> Find(JsonNode? node, IReadOnlySet<string> fields)
    {
        var places = new List<Place>();
        Collect(node, fields, places);
        return places;
    }

    private static void Collect(JsonNode? node, IReadOnlySet<string> fields, List<Place> places)
    {
        switch (node)
        {
            case JsonObject obj:
                // A change of a personal field, as getPendingChanges answers: { "path": "/cardNumber", "before", "after" }.
                var changed = obj["path"] is JsonValue path && path.TryGetValue<string>(out var pointer) && pointer.StartsWith('/') && fields.Contains(pointer[1..])
                    ? pointer[1..]
                    : null;
                foreach (var (name, value) in obj)
                {
                    var field = fields.Contains(name) ? name : changed is not null && name is "before" or "after" ? changed : null;
                    if (field is not null)
                    {
                        if (value is not null && value.GetValueKind() != System.Text.Json.JsonValueKind.Null)
                        {
                            places.Add(new Place(obj, name, field));
                        }
                    }
                    else
                    {
                        Collect(value, fields, places);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, fields, places);
                }

                break;
        }
    }

    /// <summary>The key id when the place holds a sealed value; null when it holds a value in clear.</summary>
    public static Guid? SealedWith(Place place) =>
        place.Value is JsonValue value && value.TryGetValue<string>(out var text) && SealedValue.TryReadKeyId(text, out var keyId) ? keyId : null;
}
