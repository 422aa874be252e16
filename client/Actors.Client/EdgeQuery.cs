namespace Actors.Client;

/// <summary>Follow <paramref name="Edge"/> (e.g. an order's <c>lines</c>) and answer <paramref name="Node"/> for each node.</summary>
/// <param name="Edge">The edge's name.</param>
/// <param name="Node">What to answer for each node on it.</param>
public sealed record EdgeQuery(string Edge, ActorQuery Node);
