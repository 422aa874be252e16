using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Grains;

/// <summary>
/// Turns events into the journal's JSON and back. Each event type has a stable name stored beside its
/// data (<c>Order.TagAdded</c>), so renaming a CLR type never breaks old journals.
/// </summary>
public sealed class EventCodec<TEvent>(string prefix)
    where TEvent : class
{
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Entry> _byType = [];

    /// <summary>The part before the dot of every stored type name, e.g. <c>Order</c>.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Every stored type name this codec knows.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>Registers an event type under <paramref name="name"/> (stored as <c>Prefix.name</c>).</summary>
    public EventCodec<TEvent> Add<T>(string name, JsonTypeInfo<T> typeInfo)
        where T : TEvent
    {
        var entry = new Entry(
            $"{Prefix}.{name}",
            (writer, e) => JsonSerializer.Serialize(writer, (T)(object)e, typeInfo),
            data => data.Deserialize(typeInfo) ?? throw new JsonException($"Event {Prefix}.{name} has null data."));
        _byName.Add(entry.StoredName, entry);
        _byType.Add(typeof(T), entry);
        return this;
    }

    /// <summary>The stored type name of <paramref name="e"/>.</summary>
    public string NameOf(TEvent e) => Find(e).StoredName;

    /// <summary>Encodes events as the journal's JSON array of <c>{"type", "data"}</c>.</summary>
    public string Encode(IReadOnlyList<TEvent> events)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                var entry = Find(e);
                writer.WriteStartObject();
                writer.WriteString("type", entry.StoredName);
                writer.WritePropertyName("data");
                entry.Write(writer, e);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Decodes the journal's JSON array back into events, in order.</summary>
    /// <exception cref="JsonException">An event type this codec does not know: the journal is newer than this code.</exception>
    public IReadOnlyList<TEvent> Decode(string json)
    {
        using var document = JsonDocument.Parse(json);
        var events = new List<TEvent>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var name = item.GetProperty("type").GetString()!;
            if (!_byName.TryGetValue(name, out var entry))
            {
                throw new JsonException($"Unknown event type '{name}' in the journal.");
            }

            events.Add(entry.Read(item.GetProperty("data")));
        }

        return events;
    }

    private Entry Find(TEvent e) =>
        _byType.TryGetValue(e.GetType(), out var entry)
            ? entry
            : throw new InvalidOperationException($"Event type {e.GetType().Name} is not registered with the {Prefix} codec.");

    private sealed record Entry(string StoredName, Action<Utf8JsonWriter, TEvent> Write, Func<JsonElement, TEvent> Read);
}
