using System.Text.Json.Serialization;

namespace Actors.Grains.Skus.Commands;

/// <summary>Body of <c>adjustStock</c>: a non-zero change of the stock level.</summary>
[GenerateSerializer, Immutable]
public sealed record AdjustStock([property: JsonRequired] int Delta);
