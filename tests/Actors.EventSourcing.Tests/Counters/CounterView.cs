namespace Actors.EventSourcing.Tests.Counters;

/// <summary>What the counter's log folds into: the mutable envelope JournaledGrain updates.</summary>
public sealed class CounterView
{
    public long Value { get; set; }
}
