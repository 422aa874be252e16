using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Client;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors preview order ord-1 --version 1</c>: rewinds and queries in one <c>?preview</c> batch, so it shows the
/// state a rewind would give without changing anything (needs <c>:rewind:preview</c>, not <c>:rewind</c>).
/// </summary>
public static class PreviewCommand
{
    /// <summary>The <c>preview</c> command.</summary>
    public static Verb Create()
    {
        var verb = new Verb("preview", "The state a rewind would give, and the version it would make; nothing is changed.");
        var point = new PointOptions(verb, "--at", "The time (ISO 8601) to rewind to.");
        var fieldsOption = verb.Text("--fields", "a,b", "Rewind only these fields.");
        return verb.Runs((session, cancellationToken) => RunAsync(session, session.Point(point, required: true)!, session.List(fieldsOption), cancellationToken));
    }

    private static async Task<int> RunAsync(Session session, HistoryPoint target, IReadOnlyList<string>? fields, CancellationToken cancellationToken)
    {
        await using var preview = session.Actor.Preview();
        var rewind = await preview.RewindAsync(target, fields: fields, cancellationToken: cancellationToken);
        // The whole state, edges included, as `state` prints it; its version is the one the rewind would make.
        var state = await preview.QueryAsync(ActorQuery.Everything(session.Actor.Key.Type), cancellationToken);
        if (session.Json)
        {
            await session.Output.WriteLineAsync(new JsonObject { ["rewind"] = Format.Json(rewind), ["state"] = state.DeepClone() }.ToJsonString());
            return 0;
        }

        await session.Output.WriteLineAsync(
            $"Preview of a rewind to version {rewind.Target.Version.ToString(CultureInfo.InvariantCulture)} (checkpoint {rewind.Target.CheckpointId} at {Format.Time(rewind.Target.Timestamp)}): " +
            $"{rewind.CheckpointsAffected.ToString(CultureInfo.InvariantCulture)} checkpoint(s) undone; it would make version {rewind.Checkpoint.Version.ToString(CultureInfo.InvariantCulture)}. Nothing was changed.");
        Format.Fields(state).WriteTo(session.Output);
        return 0;
    }
}
