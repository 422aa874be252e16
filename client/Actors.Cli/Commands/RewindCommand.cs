using System.Globalization;
using Actors.Client;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors rewind order ord-1 --version 1 --reason "..."</c>: rewinds for real. The reason is required: it is stored
/// on the rewind checkpoint for whoever reads the history later.
/// </summary>
public static class RewindCommand
{
    /// <summary>Rewinds and prints the answer; returns the exit code.</summary>
    public static async Task<int> RunAsync(Session session, CancellationToken cancellationToken)
    {
        var target = session.Point(required: true, "at")!;
        var reason = session.Arguments.Option("reason");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new UsageException("rewind needs --reason \"...\": it is recorded on the checkpoint.");
        }

        var fields = session.List("fields");
        var expected = session.Arguments.Number("expected-version");
        session.Done("rewind");
        var outcome = await session.Actor.RewindAsync(target, reason, fields, new SendOptions { ExpectedVersion = expected }, cancellationToken);
        if (session.Json)
        {
            await session.Output.WriteLineAsync(Format.Json(outcome).ToJsonString());
            return 0;
        }

        await session.Output.WriteLineAsync(
            $"Rewound {session.Actor.Key} to the checkpoint at {Format.Time(outcome.Target.Timestamp)} ({outcome.Target.CheckpointId}); " +
            $"{outcome.CheckpointsAffected.ToString(CultureInfo.InvariantCulture)} checkpoint(s) undone; now at version {outcome.Checkpoint.Version.ToString(CultureInfo.InvariantCulture)}.");
        return 0;
    }
}
