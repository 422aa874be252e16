namespace Actors.Gateway.Application;

/// <summary>Which actors of a type to list, and as of when (now without <paramref name="AsOf"/> or <paramref name="AtVersion"/>).</summary>
/// <param name="Type">The actor type (<c>order</c>).</param>
/// <param name="AsOf">The actors as they were at this time.</param>
/// <param name="AtVersion">The actors as they were at this global version.</param>
/// <param name="Where">Only actors whose scalar field has this value (written as text; for an array field, one of its items).</param>
/// <param name="Limit">The page size, 1-1000.</param>
/// <param name="Cursor">Where the previous page ended (its <c>nextCursor</c>).</param>
public sealed record ActorListQuery(
    string Type,
    DateTimeOffset? AsOf = null,
    long? AtVersion = null,
    IReadOnlyDictionary<string, string>? Where = null,
    int Limit = ActorListing.DefaultLimit,
    string? Cursor = null);
