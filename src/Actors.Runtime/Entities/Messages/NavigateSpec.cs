namespace Actors.Runtime.Entities.Messages;

/// <summary>Follow <paramref name="Edge"/> and answer <paramref name="Node"/> for each node on it.</summary>
public sealed record NavigateSpec(string? Edge, QuerySpec? Node);
