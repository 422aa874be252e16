using System.Text.Json.Serialization;

namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>create</c>: <c>name</c> and <c>assetType</c> are required.</summary>
[GenerateSerializer, Immutable]
public sealed record CreateAsset([property: JsonRequired] string Name, [property: JsonRequired] string AssetType);
