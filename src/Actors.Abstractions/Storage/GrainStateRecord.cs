namespace Actors.Abstractions.Storage;

/// <summary>One grain's persisted state, as <see cref="IGrainStateStore"/> keeps it.</summary>
/// <param name="GrainId">The grain's id as Orleans writes it (<c>type/key</c>).</param>
/// <param name="StateName">Which of the grain's states this is (a grain may have several).</param>
/// <param name="ETag">Drawn anew by every write; a writer names the one it read.</param>
/// <param name="Data">The state, as JSON.</param>
public sealed record GrainStateRecord(string GrainId, string StateName, string ETag, string Data);
