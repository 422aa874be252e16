namespace Actors.Abstractions.Storage;

/// <summary>
/// One actor's data key: personal values of the actor are sealed with it (AES-256-GCM), and destroying it is what
/// erases them. <paramref name="KeyId"/> is unique across every actor and is written into each sealed value, so a value
/// is opened with exactly the key it was sealed with, and values sealed before an erasure stay unreadable after it,
/// when the actor has a new key.
/// </summary>
/// <param name="KeyId">The key's id, unique across actors.</param>
/// <param name="Actor">Whose key it is.</param>
/// <param name="Material">The 32 bytes of the AES-256 key.</param>
public sealed record DataKey(Guid KeyId, ActorKey Actor, ReadOnlyMemory<byte> Material)
{
    /// <summary>The length of <see cref="Material"/>.</summary>
    public const int Length = 32;
}
