namespace Actors.Gateway.Application;

/// <summary>What to read of the events across actors; every filter is optional.</summary>
/// <param name="Type">An event type (<c>Order.TagAdded</c>) or every event of an actor type (<c>Order.*</c>).</param>
/// <param name="ActorType">Only this actor type (<c>order</c>).</param>
/// <param name="ActorId">Only this actor.</param>
/// <param name="Principal">Only what this principal did.</param>
/// <param name="After">Only at or after this time.</param>
/// <param name="Before">Only before this time.</param>
/// <param name="Limit">The page size, 1-1000.</param>
/// <param name="Cursor">Where the previous page ended (its <c>nextCursor</c>).</param>
public sealed record EventFeedQuery(
    string? Type = null,
    string? ActorType = null,
    string? ActorId = null,
    string? Principal = null,
    DateTimeOffset? After = null,
    DateTimeOffset? Before = null,
    int Limit = EventFeed.DefaultLimit,
    string? Cursor = null);
