using System.Text.Json.Serialization;

namespace Actors.Grains.Skus.Commands;

/// <summary>Body of <c>setPrice</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetSkuPrice([property: JsonRequired] decimal Price);
