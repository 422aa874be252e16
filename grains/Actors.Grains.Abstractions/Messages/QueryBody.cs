namespace Actors.Grains.Messages;

/// <summary>Body of <c>query</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record QueryBody(QuerySpec? Query);
