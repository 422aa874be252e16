using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Actors.Grains;

/// <summary>What every actor's state has: tags and the soft-delete flag. States are immutable records.</summary>
[GenerateSerializer]
public abstract record EntityState
{
    /// <summary>The actor's tags, in ordinal order.</summary>
    [JsonPropertyOrder(100)]
    [Id(100)]
    public ImmutableSortedSet<string> Tags { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>True after <c>delete</c> until <c>undelete</c>.</summary>
    [JsonPropertyOrder(101)]
    [Id(101)]
    public bool Deleted { get; init; }
}
