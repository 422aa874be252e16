namespace Actors.Grains.Messages;

/// <summary>Body of <c>getCheckpoints</c> and <c>getActivityLog</c>: at most <paramref name="Limit"/> entries after checkpoint <paramref name="After"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record PageBody(int? Limit, Guid? After);
