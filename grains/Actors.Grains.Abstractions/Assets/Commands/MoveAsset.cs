namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>move</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record MoveAsset(string? Location);
