namespace Actors.Runtime.Entities.Messages;

/// <summary>Body of <c>query</c>.</summary>
public sealed record QueryBody(QuerySpec? Query);
