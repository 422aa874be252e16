namespace Actors.Grains;

/// <summary>A point in time for every actor at once: a timestamp, a global version, or now when both are null.</summary>
public sealed record AsOfPoint(DateTimeOffset? At, long? GlobalVersion);
