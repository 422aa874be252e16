using System.Collections.Frozen;

namespace Actors.PersonalData;

/// <summary>
/// Which fields of which actor types are personal. A value is personal where the stored JSON names it: a property of
/// that name at any depth (a state, an event's data, a command's body, a history entry, a diff) or the
/// <c>before</c>/<c>after</c> of a <c>{ "path": "/field" }</c> change, as the masking of sensitive fields finds them.
/// </summary>
public sealed class PersonalFieldCatalog
{
    private readonly FrozenDictionary<string, PersonalFields> _byType;

    public PersonalFieldCatalog(IEnumerable<PersonalFields> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        _byType = types.Where(t => t.Fields.Count > 0).ToFrozenDictionary(t => t.ActorType, StringComparer.Ordinal);
        AllFields = _byType.Values.SelectMany(t => t.Fields).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Every type that has personal fields.</summary>
    public IEnumerable<PersonalFields> Types => _byType.Values;

    /// <summary>The personal fields of every type together: what a document of unknown type (compliance snapshot data) may hold.</summary>
    public IReadOnlySet<string> AllFields { get; }

    /// <summary>The personal fields of <paramref name="actorType"/>, or null when it has none.</summary>
    public PersonalFields? Find(string actorType) => _byType.GetValueOrDefault(actorType);
}
