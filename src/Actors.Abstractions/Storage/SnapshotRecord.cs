namespace Actors.Abstractions.Storage;

/// <summary>The state of an actor after mutation set <paramref name="Version"/>, as JSON.</summary>
public sealed record SnapshotRecord(ActorKey Actor, long Version, string State);
