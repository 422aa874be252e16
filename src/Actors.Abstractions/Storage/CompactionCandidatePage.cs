namespace Actors.Abstractions.Storage;

/// <summary>Actors to compact among a page of ids, and where the page ended.</summary>
/// <param name="Candidates">Each actor with history to move below its new boundary, in id order.</param>
/// <param name="LastId">The last id looked at; the next page starts after it (null when none was).</param>
/// <param name="Exhausted">True when no actor of the type is left after this page.</param>
public sealed record CompactionCandidatePage(IReadOnlyList<CompactionCandidate> Candidates, string? LastId, bool Exhausted);

/// <summary>An actor to compact, and the version that becomes its boundary.</summary>
public sealed record CompactionCandidate(string ActorId, long BoundaryVersion);
