namespace Actors.Grains.History;

/// <summary>What a compaction job does.</summary>
/// <param name="ActorType">The actor type's URL name (<c>order</c>).</param>
/// <param name="Before">Mutation sets committed before this time leave the hot journal; each actor keeps its newest such set, and a snapshot after it, as its boundary.</param>
/// <param name="Archive">True: they go to the archive tier; false: they are pruned.</param>
/// <param name="Reason">Why, as the caller gave it.</param>
/// <param name="Principal">Who asked (<c>retention-policy</c> for the policy's own jobs).</param>
[GenerateSerializer, Immutable]
public sealed record CompactionJobRequest(string ActorType, DateTimeOffset Before, bool Archive, string? Reason, string Principal);
