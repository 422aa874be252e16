namespace Actors.Abstractions.Storage;

/// <summary>A page of the audit log, oldest first; every filter is optional; <paramref name="After"/>/<paramref name="Before"/> are inclusive/exclusive times.</summary>
public sealed record AuditQuery(
    string? Operation,
    string? ActorType,
    string? ActorId,
    string? Principal,
    DateTimeOffset? After,
    DateTimeOffset? Before,
    int Limit,
    string? Cursor);
