using System.Text.Json.Serialization;

namespace Actors.Gateway.Mcp;

/// <summary>What the <c>search</c> tool searches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchKind>))]
internal enum SearchKind
{
    /// <summary>The stored events across actors.</summary>
    [JsonStringEnumMemberName("events")]
    Events,

    /// <summary>The actors of one type, now or as they were.</summary>
    [JsonStringEnumMemberName("actors")]
    Actors,
}
