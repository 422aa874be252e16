namespace Actors.Grains.Messages;

/// <summary>The fields to answer and the edges to follow; no fields means every scalar field.</summary>
[GenerateSerializer, Immutable]
public sealed record QuerySpec(IReadOnlyList<string>? Fields, IReadOnlyList<NavigateSpec>? Navigate);
