using System.Globalization;
using System.Text.Json.Nodes;
using Actors.Client;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors replay order ord-1 [--from-version N] [--follow]</c>: the actor's mutation sets from the server's replay
/// stream, one per line (with <c>--json</c>, one JSON object per line). <c>--follow</c> keeps the stream open and prints
/// each new mutation set as it commits, until Ctrl+C; a dropped connection is resumed without gaps.
/// </summary>
public static class ReplayCommand
{
    private const int ProgressEvery = 1000;

    /// <summary>Prints the mutation sets; returns the exit code (0 also when Ctrl+C ends a <c>--follow</c>).</summary>
    public static async Task<int> RunAsync(Session session, CancellationToken cancellationToken)
    {
        var follow = session.Arguments.Flag("follow");
        var from = session.Arguments.Number("from-version", 1) ?? 1;
        session.Done("replay");

        // Following never ends by itself, so a count of what was fetched says nothing there.
        var progress = follow ? null : new Progress(session.Error, "mutation sets", ProgressEvery);
        try
        {
            await foreach (var set in session.Actor.ReplayAsync(from, follow, cancellationToken))
            {
                progress?.Step();
                await session.Output.WriteLineAsync(session.Json ? Format.Json(set).ToJsonString() : Describe(set));
                if (follow)
                {
                    await session.Output.FlushAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (follow && cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a follow ends.
            return 0;
        }

        progress?.Finish();
        return 0;
    }

    private static string Describe(MutationSetEvent set)
    {
        var commands = set.Metadata?["commands"] is JsonArray list
            ? string.Join("; ", list.OfType<JsonObject>().Select(Describe))
            : string.Empty;
        var reason = set.Reason is null ? string.Empty : $"  reason: {set.Reason}";
        return $"v{set.Version.ToString(CultureInfo.InvariantCulture)}  {Format.Time(set.Timestamp)}  {set.Principal}  {set.Operation}  {commands}{reason}";
    }

    private static string Describe(JsonObject command)
    {
        var body = (JsonObject)command.DeepClone();
        var type = (string?)body["type"] ?? "?";
        body.Remove("type");
        return body.Count == 0 ? type : $"{type} {body.ToJsonString()}";
    }
}
