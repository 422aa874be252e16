namespace Actors.Runtime.Tests.Counters;

public sealed record CreateCounter;

public sealed record Increment(long? By);
