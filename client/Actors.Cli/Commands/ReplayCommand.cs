using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors replay order ord-1</c>: the actor's history as a stream of checkpoints with their commands, one per line
/// (with <c>--json</c>, one JSON object per line). <c>--follow</c> needs the server's replay endpoint.
/// </summary>
public static class ReplayCommand
{
    /// <summary>The exit code of <c>--follow</c> while the server has no replay endpoint.</summary>
    public const int FollowUnsupported = 3;

    private const int PageSize = 1000;

    /// <summary>Prints the history; returns the exit code.</summary>
    public static async Task<int> RunAsync(Session session, CancellationToken cancellationToken)
    {
        var follow = session.Arguments.Flag("follow");
        session.Done("replay");
        if (follow)
        {
            await session.Error.WriteLineAsync(
                $"actors: replay --follow needs the server's replay endpoint (GET /resources/actors/{session.Actor.Key.Type}/{session.Actor.Key.Id}/replay?follow=true, text/event-stream), which this version does not use yet; run replay without --follow to print the history so far.");
            return FollowUnsupported;
        }

        var progress = new Progress(session.Error, "checkpoints", PageSize);
        await foreach (var checkpoint in session.Actor.GetCheckpointsAsync(cancellationToken: cancellationToken))
        {
            progress.Step();
            if (session.Json)
            {
                await session.Output.WriteLineAsync(Format.Json(checkpoint).ToJsonString());
                continue;
            }

            var commands = checkpoint.Metadata?["commands"] is JsonArray list
                ? string.Join("; ", list.OfType<JsonObject>().Select(Describe))
                : string.Empty;
            var reason = checkpoint.Reason is null ? string.Empty : $"  reason: {checkpoint.Reason}";
            await session.Output.WriteLineAsync(
                $"v{checkpoint.Version.ToString(CultureInfo.InvariantCulture)}  {Format.Time(checkpoint.Timestamp)}  {checkpoint.Principal}  {checkpoint.Operation}  {commands}{reason}");
        }

        progress.Finish();
        return 0;
    }

    private static string Describe(JsonObject command)
    {
        var body = (JsonObject)command.DeepClone();
        var type = (string?)body["type"] ?? "?";
        body.Remove("type");
        return body.Count == 0 ? type : $"{type} {body.ToJsonString()}";
    }
}
