using System.Text.Json.Serialization;

namespace Actors.Grains.Skus.Commands;

/// <summary>Body of <c>setAttribute</c>: sets or replaces the attribute <c>key</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SetSkuAttribute([property: JsonRequired] string Key, [property: JsonRequired] string Value);
