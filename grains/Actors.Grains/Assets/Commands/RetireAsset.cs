namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>retire</c>: no fields.</summary>
public sealed record RetireAsset;
