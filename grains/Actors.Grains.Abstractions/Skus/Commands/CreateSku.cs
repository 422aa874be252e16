using System.Text.Json.Serialization;

namespace Actors.Grains.Skus.Commands;

/// <summary>Body of <c>create</c>: every field is required; stock starts at 0.</summary>
[GenerateSerializer, Immutable]
public sealed record CreateSku([property: JsonRequired] string SkuNumber, [property: JsonRequired] string Name, [property: JsonRequired] decimal Price, [property: JsonRequired] string Currency);
