namespace Actors.Client;

/// <summary>
/// The REWIND checkpoint a rewind made. The answer does not name its id: read it with
/// <see cref="ActorScope{TActor}.GetCheckpointsAsync"/>, or from <see cref="BatchResponse.CheckpointId"/> when the batch
/// also sent a command.
/// </summary>
/// <param name="Version">Its version: the actor's version after the rewind.</param>
/// <param name="Persisted">False in a preview: the checkpoint the rewind would make, never written.</param>
public sealed record RewindCheckpoint(long Version, bool Persisted);
