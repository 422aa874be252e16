namespace Actors.Grains.Skus.Commands;

/// <summary>Body of <c>create</c>: every field is required; stock starts at 0.</summary>
[GenerateSerializer, Immutable]
public sealed record CreateSku(string? SkuNumber, string? Name, decimal? Price, string? Currency);
