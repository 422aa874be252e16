using Actors.Runtime.Entities;

namespace Actors.Grains.Payments.Events;

/// <summary>The payment was authorized.</summary>
public sealed record PaymentAuthorized : IActorEvent;
