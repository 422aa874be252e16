namespace Actors.Grains.Messages;

/// <summary>Body of <c>erase</c>: why the actor's personal data is erased (required; stored on the checkpoint and in the audit log).</summary>
[GenerateSerializer, Immutable]
public sealed record EraseBody(string? Reason);
