using Actors.Abstractions;

namespace Actors.Grains.Payments;

/// <summary>A payment: authorize, capture (in parts), refund (in parts), cancel.</summary>
public interface IPaymentActor : IEntityActor;
