using Actors.Grains;

namespace Actors.Runtime.Tests.Counters;

public sealed record CounterCreated(string CounterId) : IActorEvent;

public sealed record Incremented(long By) : IActorEvent;
