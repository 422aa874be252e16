namespace Actors.Grains.Messages;

/// <summary>One line of the activity log.</summary>
[GenerateSerializer, Immutable]
public sealed record ActivityEntry(string Timestamp, string Principal, string Message);
