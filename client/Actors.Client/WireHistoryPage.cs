namespace Actors.Client;

/// <summary>A page of history as <c>getHistory</c> answers it: <c>{ data, pagination: { limit, offset, total } }</c>.</summary>
internal sealed record WireHistoryPage(List<HistoryEntry> Data, WirePagination Pagination)
{
    public HistoryPage ToPage() => new(Data, Pagination.Limit, Pagination.Offset, Pagination.Total);
}

/// <summary>Where a page of history sits.</summary>
internal sealed record WirePagination(int Limit, int Offset, long Total);
