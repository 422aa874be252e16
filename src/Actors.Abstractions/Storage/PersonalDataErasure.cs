namespace Actors.Abstractions.Storage;

/// <summary>
/// What an append that erases an actor's personal data does in its transaction, besides writing its mutation set: it
/// destroys every data key of the actor (<see cref="IDataKeyStore"/>), so every value sealed with them is unrecoverable,
/// and rewrites the actor's stored documents through <see cref="PurgeDocument"/>, so values stored in clear (written
/// before personal values were encrypted) go too. Ciphertext is left as it is: without its key it is noise.
/// </summary>
public sealed class PersonalDataErasure
{
    /// <summary>An erasure that only destroys the actor's keys (nothing stored in clear to purge, or nobody to say what is).</summary>
    public static PersonalDataErasure KeysOnly { get; } = new();

    /// <summary>
    /// Rewrites one of the actor's stored JSON documents (a mutation set's events or metadata, a snapshot's state, an
    /// idempotency record's answer) without the personal values it holds in clear; null when there are none. The store
    /// applies it to every such document of the actor and writes back the ones it changed.
    /// </summary>
    public Func<string, string?>? PurgeDocument { get; init; }

    /// <summary>
    /// Text that every chunk of compliance snapshot data holding a line of the actor contains (its id field and id, as
    /// JSON), so the store finds those chunks without reading the others.
    /// </summary>
    public string? SnapshotDataNeedle { get; init; }

    /// <summary>
    /// Rewrites a chunk of compliance snapshot data (NDJSON, one actor state per line) without the actor's personal values
    /// in clear; null when unchanged. The store applies it to the chunks holding <see cref="SnapshotDataNeedle"/>, and only
    /// when <see cref="PurgeDocument"/> changed one of the actor's journal documents: a snapshot job writes only sealed
    /// values, so an actor whose journal holds none in clear has none in clear in any snapshot either.
    /// </summary>
    public Func<string, string?>? PurgeSnapshotChunk { get; init; }
}
