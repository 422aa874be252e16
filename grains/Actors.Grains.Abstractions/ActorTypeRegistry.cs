using System.Collections.Frozen;

namespace Actors.Grains;

/// <summary>The actor types a silo hosts, by URL name.</summary>
public sealed class ActorTypeRegistry(IEnumerable<ActorTypeDescriptor> types)
{
    private readonly FrozenDictionary<string, ActorTypeDescriptor> _types =
        types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every hosted type.</summary>
    public IEnumerable<ActorTypeDescriptor> All => _types.Values;

    /// <summary>The type named <paramref name="name"/>, or null.</summary>
    public ActorTypeDescriptor? Find(string name) => _types.GetValueOrDefault(name);
}
