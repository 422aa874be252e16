namespace Actors.Abstractions.Storage;

/// <summary>
/// What rebuilding an actor's state up to a version needs: the newest snapshot at or before it, and the mutation sets
/// from the snapshot's own version (from version 1 without a snapshot) up to it, ascending. The snapshot's own set
/// is included for its commit time; its events are already in the snapshot.
/// </summary>
public sealed record RebuildSource(SnapshotRecord? Snapshot, IReadOnlyList<MutationSetRecord> Sets);
