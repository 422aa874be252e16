using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.Grains;

/// <summary>
/// Every actor of a type as it was at a point, in id order, a page at a time: states are rebuilt from the
/// journal (newest snapshot at or before the point, then replay) without activating the actors.
/// </summary>
public sealed class AsOfReader(IJournalStore store)
{
    /// <summary>
    /// Up to <paramref name="limit"/> states after id <paramref name="afterId"/> that existed at the point and match
    /// <paramref name="where"/>; the id to resume after; and whether no actor is left.
    /// </summary>
    public async Task<(IReadOnlyList<JsonObject> States, string? LastId, bool Exhausted)> ReadPageAsync(
        ActorTypeDescriptor type, AsOfPoint point, IReadOnlyDictionary<string, string> where, string? afterId, int limit, CancellationToken cancellationToken)
    {
        var states = new List<JsonObject>(limit);
        var last = afterId;
        while (true)
        {
            var ids = await store.ListActorIdsAsync(type.Name, last, limit, cancellationToken);
            foreach (var id in ids)
            {
                last = id;
                var key = new ActorKey(type.Name, id);
                var version = await VersionAtAsync(key, point, cancellationToken);
                if (version > 0 && await ActorGrains.Find(type.Name)!.ReadStateAsync(store, id, version, cancellationToken) is { } state && Matches(state, where))
                {
                    states.Add(state);
                    if (states.Count == limit)
                    {
                        return (states, last, false);
                    }
                }
            }

            if (ids.Count < limit)
            {
                return (states, last, true);
            }
        }
    }

    /// <summary>The state of actor <paramref name="id"/> at the point (as <see cref="ReadPageAsync"/> reads it), or null when it did not exist then.</summary>
    public async Task<JsonObject?> ReadAsync(ActorTypeDescriptor type, string id, AsOfPoint point, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        var version = await VersionAtAsync(new ActorKey(type.Name, id), point, cancellationToken);
        return version > 0 ? await ActorGrains.Find(type.Name)!.ReadStateAsync(store, id, version, cancellationToken) : null;
    }

    private async Task<long> VersionAtAsync(ActorKey key, AsOfPoint point, CancellationToken cancellationToken)
    {
        if (point.At is { } at)
        {
            return (await store.FindAtOrBeforeAsync(key, at, cancellationToken))?.Version ?? 0;
        }

        if (point.GlobalVersion is { } globalVersion)
        {
            return (await store.FindAtOrBeforeGlobalVersionAsync(key, globalVersion, cancellationToken))?.Version ?? 0;
        }

        return await store.GetVersionAsync(key, cancellationToken);
    }

    /// <summary>A field matches when its value, written as text, equals the filter; an array field matches when one of its items does.</summary>
    private static bool Matches(JsonObject state, IReadOnlyDictionary<string, string> where)
    {
        foreach (var (field, expected) in where)
        {
            var value = state[field];
            var matches = value is JsonArray items ? items.Any(item => Text(item) == expected) : Text(value) == expected;
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
