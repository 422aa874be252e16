using Actors.Grains;

namespace Actors.Grains.Payments.Events;

/// <summary>The payment's card number was set (digits only).</summary>
[GenerateSerializer, Immutable]
public sealed record CardNumberSet(string CardNumber) : IActorEvent;
