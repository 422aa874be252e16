namespace Actors.Runtime.Entities.Messages;

/// <summary>Body of <c>rewind</c>: exactly one of checkpoint id, version or time; optionally why, and which fields only.</summary>
public sealed record RewindBody(Guid? CheckpointId, long? Version, DateTimeOffset? At, string? Reason, IReadOnlyList<string>? Fields);
