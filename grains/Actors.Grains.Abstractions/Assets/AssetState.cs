using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Actors.Grains;

namespace Actors.Grains.Assets;

/// <summary>An asset as its events left it. The JSON names are the wire's field names.</summary>
[GenerateSerializer, Immutable]
public sealed record AssetState : EntityState
{
    /// <summary>The <c>assetId</c> field.</summary>
    [Id(0)]
    public required string AssetId { get; init; }

    /// <summary>The <c>assetState</c> field.</summary>
    [JsonPropertyName("assetState")]
    [Id(1)]
    public AssetStatus Status { get; init; }

    /// <summary>The <c>name</c> field.</summary>
    [Id(2)]
    public required string Name { get; init; }

    /// <summary>The <c>assetType</c> field.</summary>
    [Id(3)]
    public required string AssetType { get; init; }

    /// <summary>The <c>location</c> field.</summary>
    [Id(4)]
    public string? Location { get; init; }

    /// <summary>The <c>custodian</c> field.</summary>
    [Id(5)]
    public string? Custodian { get; init; }

    /// <summary>Free-form key/value pairs, in ordinal key order.</summary>
    [Id(6)]
    public ImmutableSortedDictionary<string, string> Attributes { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}
