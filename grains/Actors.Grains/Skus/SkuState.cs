using System.Collections.Immutable;
using Actors.Runtime.Entities;

namespace Actors.Grains.Skus;

/// <summary>A stock-keeping unit as its events left it. The JSON names are the wire's field names.</summary>
public sealed record SkuState : EntityState
{
    public required string SkuId { get; init; }

    public required string SkuNumber { get; init; }

    public required string Name { get; init; }

    public decimal Price { get; init; }

    public required string Currency { get; init; }

    /// <summary>Units in stock; never below 0.</summary>
    public long Stock { get; init; }

    /// <summary>Free-form key/value pairs, in ordinal key order.</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}
