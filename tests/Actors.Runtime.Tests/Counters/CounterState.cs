using Actors.Runtime.Entities;

namespace Actors.Runtime.Tests.Counters;

public sealed record CounterState(string CounterId, long Value) : EntityState;
