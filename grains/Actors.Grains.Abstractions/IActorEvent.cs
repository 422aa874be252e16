namespace Actors.Grains;

/// <summary>Marks a record as an event of an entity actor: past tense, immutable, stored by name.</summary>
public interface IActorEvent;
