namespace Actors.Runtime.Entities.Messages;

/// <summary>One line of the activity log.</summary>
public sealed record ActivityEntry(string Timestamp, string Principal, string Message);
