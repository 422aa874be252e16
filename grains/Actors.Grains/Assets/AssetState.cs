using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Runtime.Entities;

namespace Actors.Grains.Assets;

/// <summary>An asset as its events left it. The JSON names are the wire's field names.</summary>
public sealed record AssetState : EntityState
{
    public required string AssetId { get; init; }

    [JsonPropertyName("assetState")]
    public AssetStatus Status { get; init; }

    public required string Name { get; init; }

    public required string AssetType { get; init; }

    public string? Location { get; init; }

    public string? Custodian { get; init; }

    /// <summary>Free-form key/value pairs, in ordinal key order.</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}
