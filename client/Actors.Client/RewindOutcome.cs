using System.Globalization;
using Actors.Grains.Messages;

namespace Actors.Client;

/// <summary>
/// What a rewind did, each value named for the checkpoint it belongs to: the <see cref="Target"/> it went back to, and the
/// REWIND <see cref="Checkpoint"/> it made. (The wire answer's <c>checkpointId</c> and <c>timestamp</c> are the target's,
/// its <c>version</c> the new checkpoint's.)
/// </summary>
/// <param name="Target">The checkpoint rewound to.</param>
/// <param name="Checkpoint">The REWIND checkpoint the rewind made; in a preview, the one it would make.</param>
/// <param name="CheckpointsAffected">How many checkpoints after the target were undone.</param>
public sealed record RewindOutcome(RewindPoint Target, RewindCheckpoint Checkpoint, long CheckpointsAffected)
{
    /// <summary>The outcome in the wire's <paramref name="result"/>; <paramref name="persisted"/> is false in a preview.</summary>
    internal static RewindOutcome From(RewindResult result, bool persisted) => new(
        new RewindPoint(result.TargetCheckpointId, result.TargetVersion, DateTimeOffset.Parse(result.TargetTimestamp, CultureInfo.InvariantCulture)),
        new RewindCheckpoint(result.RewindVersion, persisted),
        result.CheckpointsAffected);
}
