using System.Collections.Immutable;
using Actors.Grains;

namespace Actors.Grains.Skus;

/// <summary>A stock-keeping unit as its events left it. The JSON names are the wire's field names.</summary>
[GenerateSerializer, Immutable]
public sealed record SkuState : EntityState
{
    /// <summary>The <c>skuId</c> field.</summary>
    [Id(0)]
    public required string SkuId { get; init; }

    /// <summary>The <c>skuNumber</c> field.</summary>
    [Id(1)]
    public required string SkuNumber { get; init; }

    /// <summary>The <c>name</c> field.</summary>
    [Id(2)]
    public required string Name { get; init; }

    /// <summary>The <c>price</c> field.</summary>
    [Id(3)]
    public decimal Price { get; init; }

    /// <summary>The <c>currency</c> field.</summary>
    [Id(4)]
    public required string Currency { get; init; }

    /// <summary>Units in stock; never below 0.</summary>
    [Id(5)]
    public long Stock { get; init; }

    /// <summary>Free-form key/value pairs, in ordinal key order.</summary>
    [Id(6)]
    public ImmutableSortedDictionary<string, string> Attributes { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}
