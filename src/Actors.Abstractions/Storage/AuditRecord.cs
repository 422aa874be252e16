namespace Actors.Abstractions.Storage;

/// <summary>One line of the audit log: who looked back or went back in time, at what, when and why.</summary>
/// <param name="AuditId">The entry's id.</param>
/// <param name="Timestamp">When, UTC, whole microseconds.</param>
/// <param name="Principal">Who.</param>
/// <param name="Operation"><c>rewind</c>, <c>restore</c>, <c>preview</c>, <c>snapshot</c> or <c>export</c>.</param>
/// <param name="ActorType">The actor type concerned, when there is one.</param>
/// <param name="ActorId">The actor concerned, when there is one.</param>
/// <param name="Target">JSON object: what was targeted (checkpoint, version, time, snapshot id ...).</param>
/// <param name="Reason">Why, when the caller said.</param>
/// <param name="Sequence">Position in the audit log; assigned by the store.</param>
[GenerateSerializer, Immutable]
public sealed record AuditRecord(
    Guid AuditId,
    DateTimeOffset Timestamp,
    string Principal,
    string Operation,
    string? ActorType,
    string? ActorId,
    string Target,
    string? Reason,
    long Sequence = 0);
