namespace Actors.Abstractions.Errors;

/// <summary>
/// Another writer appended this version first: the journal's unique key refused the append, and nothing was written.
/// Inside the server the actor re-runs the batch on the newest state; a caller sees it only when every retry lost.
/// </summary>
[GenerateSerializer]
public sealed class VersionConflictException(ActorKey actor, long version)
    : Exception($"Version {version} of {actor} was written by another writer.")
{
    [Id(0)]
    public ActorKey Actor { get; } = actor;

    [Id(1)]
    public long Version { get; } = version;
}
