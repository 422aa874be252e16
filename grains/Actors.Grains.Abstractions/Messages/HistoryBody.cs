namespace Actors.Grains.Messages;

/// <summary>Body of <c>getHistory</c>: a page of checkpoints, oldest first.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryBody(int? Limit, int? Offset);
