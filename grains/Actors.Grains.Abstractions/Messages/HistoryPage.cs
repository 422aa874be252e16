namespace Actors.Grains.Messages;

/// <summary>
/// The answer of <c>getHistory</c>, with where the actor's readable history starts (<paramref name="EarliestVersion"/>,
/// <paramref name="EarliestTimestamp"/>): the first entry a page can hold is the one after it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Data, Pagination Pagination, long EarliestVersion = 1, string? EarliestTimestamp = null);

/// <summary>Where a page sits: <paramref name="Total"/> is the number of checkpoints.</summary>
[GenerateSerializer, Immutable]
public sealed record Pagination(int Limit, int Offset, long Total);
