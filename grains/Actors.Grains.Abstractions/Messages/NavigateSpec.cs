namespace Actors.Grains.Messages;

/// <summary>Follow <paramref name="Edge"/> and answer <paramref name="Node"/> for each node on it.</summary>
[GenerateSerializer, Immutable]
public sealed record NavigateSpec(string? Edge, QuerySpec? Node);
