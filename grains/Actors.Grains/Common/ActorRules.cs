using System.Text.Json.Nodes;
using Actors.Abstractions.Storage;

namespace Actors.Grains;

/// <summary>The rules of one actor type, without its state type: enough to read any of its past states from the journal.</summary>
public abstract class ActorRules
{
    /// <summary>The type's names, messages, fields and events.</summary>
    public abstract ActorTypeDescriptor Type { get; }

    /// <summary>
    /// The state of actor <paramref name="id"/> after mutation set <paramref name="version"/>, as <c>query</c> answers it
    /// (with <c>version</c>), rebuilt from the journal (newest snapshot at or before it, then replay) without activating
    /// the grain; null before the actor existed.
    /// </summary>
    public abstract Task<JsonObject?> ReadStateAsync(IJournalStore store, string id, long version, CancellationToken cancellationToken);

    /// <summary>
    /// The state of actor <paramref name="id"/> after mutation set <paramref name="version"/> as a snapshot row holds it:
    /// what the hot journal keeps at an actor's boundary when history is compacted.
    /// </summary>
    public abstract Task<string> ReadSnapshotAsync(IJournalStore store, string id, long version, CancellationToken cancellationToken);
}
