using Actors.Grains;

namespace Actors.Grains.Payments.Events;

/// <summary>The payment was authorized.</summary>
[GenerateSerializer, Immutable]
public sealed record PaymentAuthorized : IActorEvent;
