namespace Actors.Grains.Events;

/// <summary>
/// An erasure: the personal fields in <paramref name="Fields"/> became null, and every value they had before is
/// unrecoverable (their keys were destroyed with this checkpoint). Values written after it are kept as any others.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PersonalDataErased(IReadOnlyList<string> Fields) : IActorEvent;
