using Actors.Abstractions;

namespace Actors.Grains.Orders;

/// <summary>An order: lines, deliveries and the order's life cycle.</summary>
public interface IOrderActor : IEntityActor;
