using Actors.Grains;

namespace Actors.Grains.Payments.Events;

/// <summary>The payment was created, pending.</summary>
[GenerateSerializer, Immutable]
public sealed record PaymentCreated(string PaymentId, decimal Amount, string Currency, string? OrderId, string? CardNumber) : IActorEvent;
