using System.Text.Json.Serialization;

namespace Actors.Grains.Messages;

/// <summary>
/// What <c>rewind</c> answers, in the protocol's shape <c>{success, checkpointId, timestamp, checkpointsAffected}</c> plus
/// <c>version</c>. The wire's <c>checkpointId</c> and <c>timestamp</c> are the target's and its <c>version</c> is the new
/// checkpoint's, so the C# names say whose they are.
/// </summary>
/// <param name="Success">Always true: a refused rewind throws instead.</param>
/// <param name="TargetCheckpointId">The checkpoint rewound to (<c>checkpointId</c> on the wire).</param>
/// <param name="TargetTimestamp">When the target committed (<c>timestamp</c> on the wire).</param>
/// <param name="CheckpointsAffected">How many checkpoints after the target were undone.</param>
/// <param name="RewindVersion">The version of the REWIND checkpoint the rewind made (<c>version</c> on the wire); in a preview, the one it would make.</param>
[GenerateSerializer, Immutable]
public sealed record RewindResult(
    bool Success,
    [property: JsonPropertyName("checkpointId")] Guid TargetCheckpointId,
    [property: JsonPropertyName("timestamp")] string TargetTimestamp,
    long CheckpointsAffected,
    [property: JsonPropertyName("version")] long RewindVersion)
{
    /// <summary>The target's version: the checkpoints it undid lie between it and the REWIND checkpoint.</summary>
    [JsonIgnore]
    public long TargetVersion => RewindVersion - 1 - CheckpointsAffected;
}
