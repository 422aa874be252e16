using System.Globalization;

namespace Actors.Client;

/// <summary>
/// A page of history as <c>getHistory</c> answers it: <c>{ data, pagination: { limit, offset, total }, earliestVersion,
/// earliestTimestamp }</c> (a server without the history lifecycle sends neither of the last two: history starts at 1).
/// </summary>
internal sealed record WireHistoryPage(List<HistoryEntry> Data, WirePagination Pagination, long? EarliestVersion = null, string? EarliestTimestamp = null)
{
    public HistoryPage ToPage() => new(
        Data, Pagination.Limit, Pagination.Offset, Pagination.Total, EarliestVersion ?? 1,
        EarliestTimestamp is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal) : null);
}

/// <summary>Where a page of history sits.</summary>
internal sealed record WirePagination(int Limit, int Offset, long Total);
