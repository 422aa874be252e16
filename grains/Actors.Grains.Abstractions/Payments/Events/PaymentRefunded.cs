using Actors.Grains;

namespace Actors.Grains.Payments.Events;

/// <summary><paramref name="Amount"/> more was refunded.</summary>
[GenerateSerializer, Immutable]
public sealed record PaymentRefunded(decimal Amount) : IActorEvent;
