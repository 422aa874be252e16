namespace Actors.Runtime.Entities.Messages;

/// <summary>The answer of <c>getHistory</c>.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Data, Pagination Pagination);

/// <summary>Where a page sits: <paramref name="Total"/> is the number of checkpoints.</summary>
public sealed record Pagination(int Limit, int Offset, long Total);
