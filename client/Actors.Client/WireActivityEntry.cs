namespace Actors.Client;

/// <summary>An activity-log line as <c>getActivityLog</c> answers it.</summary>
internal sealed record WireActivityEntry(DateTimeOffset Timestamp, string Principal, string Message);
