using Actors.Grains;

namespace Actors.Runtime.Tests.Counters;

public sealed record CounterState(string CounterId, long Value) : EntityState;
