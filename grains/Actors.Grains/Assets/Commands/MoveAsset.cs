namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>move</c>.</summary>
public sealed record MoveAsset(string? Location);
