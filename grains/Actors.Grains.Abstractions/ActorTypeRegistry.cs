using System.Collections.Frozen;

namespace Actors.Grains;

/// <summary>The actor types a silo hosts, by URL name, in the order they were given.</summary>
public sealed class ActorTypeRegistry
{
    private readonly IReadOnlyList<ActorTypeDescriptor> _all;
    private readonly FrozenDictionary<string, ActorTypeDescriptor> _byName;

    /// <summary>A registry of <paramref name="types"/>; their names must differ.</summary>
    public ActorTypeRegistry(IEnumerable<ActorTypeDescriptor> types)
    {
        _all = [.. types];
        _byName = _all.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Every hosted type, in the order given.</summary>
    public IEnumerable<ActorTypeDescriptor> All => _all;

    /// <summary>The type named <paramref name="name"/>, or null.</summary>
    public ActorTypeDescriptor? Find(string name) => _byName.GetValueOrDefault(name);
}
