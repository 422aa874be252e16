using Actors.Runtime.Entities;

namespace Actors.Grains.Payments.Events;

/// <summary><paramref name="Amount"/> more was refunded.</summary>
public sealed record PaymentRefunded(decimal Amount) : IActorEvent;
