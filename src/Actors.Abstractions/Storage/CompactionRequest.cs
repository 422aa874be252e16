namespace Actors.Abstractions.Storage;

/// <summary>Moves an actor's boundary to <paramref name="BoundaryVersion"/>.</summary>
/// <param name="Actor">Whose history.</param>
/// <param name="BoundaryVersion">The new boundary: an existing version, whose set stays in the hot journal.</param>
/// <param name="BoundaryState">The state after that version (snapshot JSON), kept in the hot journal.</param>
/// <param name="Archived">True when the archive holds everything removed; false prunes it.</param>
public sealed record CompactionRequest(ActorKey Actor, long BoundaryVersion, string BoundaryState, bool Archived);
