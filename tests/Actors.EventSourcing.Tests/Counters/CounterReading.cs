namespace Actors.EventSourcing.Tests.Counters;

/// <summary>The counter's confirmed value and version, as a grain call answers them.</summary>
[GenerateSerializer, Immutable]
public sealed record CounterReading(long Value, int Version);
