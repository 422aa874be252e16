using Actors.Abstractions;

namespace Actors.Grains.Skus;

/// <summary>A stock-keeping unit: price, stock level and attributes.</summary>
public interface ISkuActor : IEntityActor;
