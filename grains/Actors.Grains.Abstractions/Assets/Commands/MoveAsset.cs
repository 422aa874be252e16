using System.Text.Json.Serialization;

namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>move</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record MoveAsset([property: JsonRequired] string Location);
