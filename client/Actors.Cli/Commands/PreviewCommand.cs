using System.Globalization;
using System.Text.Json.Nodes;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors preview order ord-1 --version 1</c>: rewinds and queries in one <c>?preview</c> batch, so it shows the
/// state a rewind would give without changing anything (needs <c>:rewind:preview</c>, not <c>:rewind</c>).
/// </summary>
public static class PreviewCommand
{
    /// <summary>Prints the previewed state; returns the exit code.</summary>
    public static async Task<int> RunAsync(Session session, CancellationToken cancellationToken)
    {
        var target = session.Point(required: true, "at")!;
        var fields = session.List("fields");
        session.Done("preview");
        await using var preview = session.Actor.Preview();
        var rewind = await preview.RewindAsync(target, fields: fields, cancellationToken: cancellationToken);
        var state = await preview.QueryAsync(cancellationToken: cancellationToken);
        if (session.Json)
        {
            await session.Output.WriteLineAsync(new JsonObject { ["rewind"] = Format.Json(rewind), ["state"] = state.DeepClone() }.ToJsonString());
            return 0;
        }

        await session.Output.WriteLineAsync(
            $"Preview of a rewind to the checkpoint at {Format.Time(rewind.Target.Timestamp)} ({rewind.CheckpointsAffected.ToString(CultureInfo.InvariantCulture)} checkpoint(s) undone); nothing was changed.");
        Format.Fields(state).WriteTo(session.Output);
        return 0;
    }
}
