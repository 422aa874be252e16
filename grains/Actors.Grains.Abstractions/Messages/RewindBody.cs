namespace Actors.Grains.Messages;

/// <summary>Body of <c>rewind</c>: exactly one of checkpoint id, version or time; optionally why, and which fields only.</summary>
[GenerateSerializer, Immutable]
public sealed record RewindBody(Guid? CheckpointId, long? Version, DateTimeOffset? At, string? Reason, IReadOnlyList<string>? Fields);
