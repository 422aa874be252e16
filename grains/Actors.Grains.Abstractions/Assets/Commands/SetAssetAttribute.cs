namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>setAttribute</c>: sets or replaces the attribute <c>key</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetAssetAttribute(string? Key, string? Value);
