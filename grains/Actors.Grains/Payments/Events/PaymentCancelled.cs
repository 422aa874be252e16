using Actors.Runtime.Entities;

namespace Actors.Grains.Payments.Events;

/// <summary>The payment was cancelled.</summary>
public sealed record PaymentCancelled : IActorEvent;
