namespace Actors.Abstractions.Storage;

/// <summary>
/// Mutation sets across actors. <paramref name="EventType"/> is an exact stored name (<c>Order.TagAdded</c>): a set
/// matches when one of its events has it. <paramref name="After"/> is inclusive, <paramref name="Before"/> exclusive.
/// </summary>
public sealed record EventQuery(
    string? EventType,
    string? ActorType,
    string? ActorId,
    string? Principal,
    DateTimeOffset? After,
    DateTimeOffset? Before,
    int Limit,
    string? Cursor);
