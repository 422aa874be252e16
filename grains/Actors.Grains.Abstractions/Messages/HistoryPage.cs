namespace Actors.Grains.Messages;

/// <summary>The answer of <c>getHistory</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Data, Pagination Pagination);

/// <summary>Where a page sits: <paramref name="Total"/> is the number of checkpoints.</summary>
[GenerateSerializer, Immutable]
public sealed record Pagination(int Limit, int Offset, long Total);
