using Actors.Abstractions;

namespace Actors.Grains.Assets;

/// <summary>A tracked asset: where it is, who holds it, what it is.</summary>
public interface IAssetActor : IEntityActor;
