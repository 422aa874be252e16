namespace Actors.Abstractions.Errors;

/// <summary>
/// An append named a data key (<see cref="Storage.AppendRequest.DataKeyId"/>) that an erasure has destroyed since it was
/// read: its sealed values could never be opened. Nothing was written; the writer seals them again with the actor's
/// current key and appends again.
/// </summary>
public sealed class DataKeyDestroyedException(ActorKey actor, Guid keyId)
    : Exception($"Data key {keyId} of {actor} was destroyed by an erasure.")
{
    /// <summary>Whose key it was.</summary>
    public ActorKey Actor { get; } = actor;

    /// <summary>The destroyed key.</summary>
    public Guid KeyId { get; } = keyId;
}
