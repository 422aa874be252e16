using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Actors.Client;

/// <summary>What a batch answered: one result per message, and the actor's version after it.</summary>
/// <param name="Results">One result per message sent, in order.</param>
/// <param name="Version">The actor's version after the batch (unchanged by a preview); the ETag, for <see cref="SendOptions.ExpectedVersion"/>.</param>
/// <param name="Replayed">True when this is the stored answer of an earlier batch with the same idempotency key.</param>
public sealed record BatchResponse(IReadOnlyList<MessageResponse> Results, long Version, bool Replayed)
{
    /// <summary>The last message's result: what the server answers for a batch without <c>?results=all</c>.</summary>
    public JsonNode? Last => Results.Count == 0 ? null : Results[^1].Result;

    /// <summary>
    /// The checkpoint the batch made (every command's result names the same one), or null for a read-only batch. A
    /// <c>rewind</c>'s result names its target instead, so a batch whose only change is a rewind answers null here: its
    /// version is <see cref="Version"/>.
    /// </summary>
    public Guid? CheckpointId =>
        Results.Where(r => r.Type != "rewind")
            .Select(r => r.Result is JsonObject o && o["success"] is not null && o["checkpointId"] is JsonValue id && id.TryGetValue<string>(out var text) && Guid.TryParse(text, out var g) ? g : (Guid?)null)
            .FirstOrDefault(g => g is not null);

    /// <summary>The result of message <paramref name="index"/> as <typeparamref name="T"/>.</summary>
    public T Get<T>(int index, JsonTypeInfo<T> typeInfo) =>
        Results[index].Result is { } node
            ? node.Deserialize(typeInfo)!
            : throw new InvalidOperationException($"Message {index} ({Results[index].Type}) answered null.");
}
