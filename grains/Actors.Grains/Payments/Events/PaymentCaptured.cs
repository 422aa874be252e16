using Actors.Runtime.Entities;

namespace Actors.Grains.Payments.Events;

/// <summary><paramref name="Amount"/> more was captured.</summary>
public sealed record PaymentCaptured(decimal Amount) : IActorEvent;
