using System.Security.Cryptography;
using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.PersonalData;

/// <summary>
/// Seals and opens the personal values of the journal's documents with their actors' data keys. The decorators over the
/// silo's stores (<see cref="ProtectedJournalStore"/>, <see cref="ProtectedSnapshotDataStore"/>) use it so that every
/// caller reads values in clear and every table holds them sealed; a compliance snapshot job uses it to write lines that
/// stay sealed at rest.
/// </summary>
public sealed class PersonalDataProtector
{
    /// <summary>Actors per generation of the key cache: two generations of keys in use, about 100 bytes each.</summary>
    public const int DefaultCacheCapacity = 16_384;

    private readonly DataKeyCache _cache;

    /// <summary>A protector over <paramref name="sealedJournal"/>, the store as it is (values sealed), and its <paramref name="keys"/>.</summary>
    public PersonalDataProtector(IJournalStore sealedJournal, IDataKeyStore keys, PersonalFieldCatalog catalog, int cacheCapacity = DefaultCacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(sealedJournal);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cacheCapacity);
        SealedJournal = sealedJournal;
        Keys = keys;
        Catalog = catalog;
        _cache = new DataKeyCache(cacheCapacity);
    }

    /// <summary>The journal as stored: personal values sealed (or in clear, when written before they were sealed).</summary>
    public IJournalStore SealedJournal { get; }

    /// <summary>The actors' data keys.</summary>
    public IDataKeyStore Keys { get; }

    /// <summary>Which fields are personal.</summary>
    public PersonalFieldCatalog Catalog { get; }

    /// <summary>
    /// The key to seal the actor's values with: the one this silo used last, or the stored one (created now when the actor
    /// has none). A key read before an erasure is refused by the store at the next append, which then asks again.
    /// </summary>
    public async Task<DataKey> GetKeyAsync(ActorKey actor, CancellationToken cancellationToken)
    {
        if (_cache.Find(actor) is { } cached)
        {
            return cached;
        }

        var key = await Keys.GetOrCreateDataKeyAsync(new DataKey(Guid.NewGuid(), actor, RandomNumberGenerator.GetBytes(DataKey.Length)), cancellationToken);
        _cache.Add(key);
        return key;
    }

    /// <summary>True when <paramref name="json"/>, a document of an actor of <paramref name="actorType"/>, holds a personal value in clear.</summary>
    public bool HoldsValuesInClear(string actorType, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Catalog.Find(actorType) is { } personal && PersonalDocument.Read(json, personal.Fields) is { HasValuesInClear: true };
    }

    /// <summary><paramref name="json"/>, a document of <paramref name="key"/>'s actor, with its personal values in clear sealed with <paramref name="key"/>.</summary>
    public string Seal(string json, DataKey key)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(key);
        return Catalog.Find(key.Actor.Type) is { } personal && PersonalDocument.Read(json, personal.Fields) is { } document ? document.Seal(key) : json;
    }

    /// <summary>Forgets the key this silo sealed the actor's values with (it was destroyed).</summary>
    internal void Forget(ActorKey actor) => _cache.Forget(actor);

    /// <summary>A new opener for the documents of one read.</summary>
    internal DocumentOpener Opener() => new(Keys);
}
