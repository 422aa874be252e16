using System.Collections.Concurrent;
using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.PersonalData;

/// <summary>
/// The keys a silo sealed values with lately, so an actor that writes personal values reads its key once, not with
/// every append. Bounded: two generations of at most <paramref name="capacity"/> actors each; when the newer fills up the
/// older is dropped, so keys in use stay and the others go. Only ever used to seal: a cached key that an erasure (on any
/// silo) destroyed since makes the store refuse the append (<see cref="Abstractions.Errors.DataKeyDestroyedException"/>),
/// and is forgotten. Values are never opened with a cached key, since after an erasure nobody may open them.
/// </summary>
internal sealed class DataKeyCache(int capacity)
{
    private readonly Lock _turn = new();
    private ConcurrentDictionary<ActorKey, DataKey> _newer = new();
    private ConcurrentDictionary<ActorKey, DataKey> _older = new();

    public DataKey? Find(ActorKey actor)
    {
        if (_newer.TryGetValue(actor, out var key))
        {
            return key;
        }

        if (_older.TryGetValue(actor, out key))
        {
            Add(key);
            return key;
        }

        return null;
    }

    public void Add(DataKey key)
    {
        if (_newer.Count >= capacity)
        {
            lock (_turn)
            {
                if (_newer.Count >= capacity)
                {
                    _older = _newer;
                    _newer = new ConcurrentDictionary<ActorKey, DataKey>();
                }
            }
        }

        _newer[key.Actor] = key;
    }

    public void Forget(ActorKey actor)
    {
        _newer.TryRemove(actor, out _);
        _older.TryRemove(actor, out _);
    }
}
