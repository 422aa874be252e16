using System.Globalization;
using Actors.Client;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors rewind order ord-1 --version 1 --reason "..."</c>: rewinds for real. The reason is stored on the rewind
/// checkpoint for whoever reads the history later; as everywhere, it is optional unless the server sets
/// <c>Actors:History:RequireReason</c>, and then a rewind without one is the server's 400.
/// </summary>
public static class RewindCommand
{
    /// <summary>The <c>rewind</c> command.</summary>
    public static Verb Create()
    {
        var verb = new Verb("rewind", "Rewinds for real: a new checkpoint restoring the state at a version, checkpoint or time.");
        var point = new PointOptions(verb, "--at", "The time (ISO 8601) to rewind to.");
        var reasonOption = verb.Text("--reason", "TEXT", "Why: recorded on the rewind checkpoint (required only where the server requires one).");
        var fieldsOption = verb.Text("--fields", "a,b", "Rewind only these fields.");
        var expectedOption = verb.Number("--expected-version", "Refuse (412) unless the actor is at this version.");
        return verb.Runs((session, cancellationToken) => RunAsync(
            session, session.Point(point, required: true)!, session.Get(reasonOption), session.List(fieldsOption), session.Get(expectedOption), cancellationToken));
    }

    private static async Task<int> RunAsync(Session session, HistoryPoint target, string? reason, IReadOnlyList<string>? fields, long? expected, CancellationToken cancellationToken)
    {
        var outcome = await session.Actor.RewindAsync(target, reason, fields, new SendOptions { ExpectedVersion = expected }, cancellationToken);
        if (session.Json)
        {
            await session.Output.WriteLineAsync(Format.Json(outcome).ToJsonString());
            return 0;
        }

        await session.Output.WriteLineAsync(
            $"Rewound {session.Actor.Key} to version {outcome.Target.Version.ToString(CultureInfo.InvariantCulture)} (checkpoint {outcome.Target.CheckpointId} at {Format.Time(outcome.Target.Timestamp)}); " +
            $"{outcome.CheckpointsAffected.ToString(CultureInfo.InvariantCulture)} checkpoint(s) undone; now at version {outcome.Checkpoint.Version.ToString(CultureInfo.InvariantCulture)}.");
        return 0;
    }
}
