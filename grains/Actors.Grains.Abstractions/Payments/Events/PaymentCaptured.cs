using Actors.Grains;

namespace Actors.Grains.Payments.Events;

/// <summary><paramref name="Amount"/> more was captured.</summary>
[GenerateSerializer, Immutable]
public sealed record PaymentCaptured(decimal Amount) : IActorEvent;
