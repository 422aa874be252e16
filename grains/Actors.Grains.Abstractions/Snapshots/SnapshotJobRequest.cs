namespace Actors.Grains.Snapshots;

/// <summary>What a compliance snapshot is of.</summary>
/// <param name="ActorType">The actor type's URL name (<c>payment</c>).</param>
/// <param name="At">The time every actor is taken as of.</param>
/// <param name="Reason">Why, as the caller gave it.</param>
/// <param name="Principal">Who asked.</param>
[GenerateSerializer, Immutable]
public sealed record SnapshotJobRequest(string ActorType, DateTimeOffset At, string? Reason, string Principal);
