namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>retire</c>: no fields.</summary>
[GenerateSerializer, Immutable]
public sealed record RetireAsset;
