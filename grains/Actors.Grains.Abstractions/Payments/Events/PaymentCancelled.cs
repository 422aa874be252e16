using Actors.Grains;

namespace Actors.Grains.Payments.Events;

/// <summary>The payment was cancelled.</summary>
[GenerateSerializer, Immutable]
public sealed record PaymentCancelled : IActorEvent;
