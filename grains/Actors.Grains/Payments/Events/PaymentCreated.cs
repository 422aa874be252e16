using Actors.Runtime.Entities;

namespace Actors.Grains.Payments.Events;

/// <summary>The payment was created, pending.</summary>
public sealed record PaymentCreated(string PaymentId, decimal Amount, string Currency, string? OrderId, string? CardNumber) : IActorEvent;
