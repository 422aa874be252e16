using System.Text.Json.Serialization;

namespace Actors.Grains.Assets;

/// <summary>The <c>assetState</c> of an asset: active → retired.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssetStatus>))]
[GenerateSerializer]
public enum AssetStatus
{
    /// <summary>In use; may be moved, handed over and described.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Out of use; final, takes no more changes.</summary>
    [JsonStringEnumMemberName("retired")]
    Retired,
}
