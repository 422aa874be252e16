namespace Actors.EventSourcing.Tests.Counters;

/// <summary>One log entry of the counter, one journal row: add <paramref name="By"/> (negative to subtract).</summary>
[GenerateSerializer, Immutable]
public sealed record CounterEntry(long By);
