namespace Actors.Abstractions.Storage;

/// <summary>
/// The actors' data keys, kept in the journal's database (<see cref="DataKey"/>). An actor has at most one key at a time;
/// erasure destroys it (<see cref="IJournalStore.AppendAsync"/> with <see cref="AppendRequest.Erasure"/>, or
/// <see cref="DestroyDataKeysAsync"/>), and the next personal value written after that gets a new key with a new id.
/// Every method throws <see cref="Errors.StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IDataKeyStore
{
    /// <summary>
    /// The actor's key: the one stored, or <paramref name="candidate"/>, stored now when the actor has none. Callers racing
    /// to create an actor's first key all get the one that was stored first.
    /// </summary>
    Task<DataKey> GetOrCreateDataKeyAsync(DataKey candidate, CancellationToken cancellationToken);

    /// <summary>The keys with these ids that exist, of any actors, in one read; ids of destroyed or unknown keys are left out.</summary>
    Task<IReadOnlyList<DataKey>> FindDataKeysAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken);

    /// <summary>Destroys every key of the actor; answers how many there were.</summary>
    Task<int> DestroyDataKeysAsync(ActorKey actor, CancellationToken cancellationToken);
}
