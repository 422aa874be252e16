using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Storage;

namespace Actors.PersonalData;

/// <summary>A stored JSON document (events, metadata, a state, an answer) with the places its personal values are in.</summary>
internal sealed class PersonalDocument
{
    private readonly JsonNode? _root;
    private readonly List<PersonalValues.Place> _places;

    private PersonalDocument(JsonNode? root, List<PersonalValues.Place> places)
    {
        _root = root;
        _places = places;
    }

    /// <summary>True when some personal value is held in clear (not yet sealed).</summary>
    public bool HasValuesInClear => _places.Exists(p => PersonalValues.SealedWith(p) is null);

    /// <summary>The ids of the keys its sealed values need.</summary>
    public IEnumerable<Guid> KeyIds => _places.Select(PersonalValues.SealedWith).OfType<Guid>();

    /// <summary>The document's personal values, or null when it holds none (most documents: they do not even name a personal field).</summary>
    public static PersonalDocument? Read(string json, IReadOnlySet<string> fields)
    {
        if (!PersonalValues.MayHold(json, fields))
        {
            return null;
        }

        var root = JsonNode.Parse(json);
        var places = PersonalValues.Find(root, fields);
        return places.Count == 0 ? null : new PersonalDocument(root, places);
    }

    /// <summary>The document with every value in clear sealed with <paramref name="key"/>.</summary>
    public string Seal(DataKey key)
    {
        foreach (var place in _places)
        {
            if (PersonalValues.SealedWith(place) is null)
            {
                place.Parent[place.Name] = SealedValue.Seal(key, place.Field, place.Value!.ToJsonString());
            }
        }

        return Text();
    }

    /// <summary>
    /// The document with every sealed value opened by its key in <paramref name="keys"/>; a value whose key is not there (an
    /// erasure destroyed it) reads as null. Values in clear stay as they are.
    /// </summary>
    public string Open(IReadOnlyDictionary<Guid, DataKey> keys)
    {
        foreach (var place in _places)
        {
            if (PersonalValues.SealedWith(place) is { } keyId)
            {
                place.Parent[place.Name] = keys.TryGetValue(keyId, out var key)
                    ? JsonNode.Parse(SealedValue.Open(key, place.Field, (string)place.Value!))
                    : null;
            }
        }

        return Text();
    }

    /// <summary>The document without its values in clear (null in their place), or null when it holds none. Sealed values stay.</summary>
    public string? Purge()
    {
        var purged = false;
        foreach (var place in _places)
        {
            if (PersonalValues.SealedWith(place) is null)
            {
                place.Parent[place.Name] = null;
                purged = true;
            }
        }

        return purged ? Text() : null;
    }

    /// <summary><see cref="Purge()"/> of a document's text: null when unchanged.</summary>
    public static string? Purge(string json, IReadOnlySet<string> fields) => Read(json, fields)?.Purge();

    private string Text() => _root?.ToJsonString() ?? "null";

    /// <summary>
    /// A chunk of compliance snapshot data (NDJSON states of one type) without the values in clear of the actor whose
    /// <paramref name="idField"/> is <paramref name="id"/>; null when unchanged.
    /// </summary>
    public static string? PurgeLines(string chunk, string idField, string id, IReadOnlySet<string> fields)
    {
        var lines = chunk.Split('\n');
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || !lines[i].Contains(id, StringComparison.Ordinal))
            {
                continue;
            }

            var line = JsonNode.Parse(lines[i]);
            if (line is JsonObject state && state[idField] is JsonValue value && value.GetValueKind() == JsonValueKind.String && (string?)value == id
                && Read(lines[i], fields)?.Purge() is { } purged)
            {
                lines[i] = purged;
                changed = true;
            }
        }

        return changed ? string.Join('\n', lines) : null;
    }
}
