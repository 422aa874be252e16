using Actors.PersonalData;

namespace Actors.Grains;

/// <summary>The personal fields of the hosted actor types, as the journal's protection needs them.</summary>
public static class ActorPersonalData
{
    /// <summary>Every type's personal fields (<see cref="ActorTypeDescriptor.PersonalFields"/>) and id field.</summary>
    public static PersonalFieldCatalog Catalog { get; } =
        new(ActorTypes.All.All.Select(t => new PersonalFields(t.Name, t.IdField, t.PersonalFields)));
}
