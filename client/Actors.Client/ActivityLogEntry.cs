namespace Actors.Client;

/// <summary>One line of an actor's activity log, with the checkpoint it describes.</summary>
/// <param name="CheckpointId">The checkpoint the line describes.</param>
/// <param name="Version">That checkpoint's version.</param>
/// <param name="Timestamp">When it committed.</param>
/// <param name="Principal">Who sent the batch.</param>
/// <param name="Message">The line, e.g. <c>Updated order (addTag)</c> or <c>Rewound order to checkpoint at …</c>.</param>
public sealed record ActivityLogEntry(Guid CheckpointId, long Version, DateTimeOffset Timestamp, string Principal, string Message);
