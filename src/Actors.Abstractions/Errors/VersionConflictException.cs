
namespace Actors.Abstractions.Errors;

/// <summary>Another writer appended this version first: the journal's unique key refused the append.</summary>
public sealed class VersionConflictException(ActorKey actor, long version)
    : Exception($"Version {version} of {actor} was written by another writer.")
{
    public ActorKey Actor { get; } = actor;

    public long Version { get; } = version;
}
