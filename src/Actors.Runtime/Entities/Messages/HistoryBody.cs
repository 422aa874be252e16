namespace Actors.Runtime.Entities.Messages;

/// <summary>Body of <c>getHistory</c>: a page of checkpoints, oldest first.</summary>
public sealed record HistoryBody(int? Limit, int? Offset);
