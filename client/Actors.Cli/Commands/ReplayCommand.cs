using System.CommandLine;
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

    /// <summary>The <c>replay</c> command.</summary>
    public static Verb Create()
    {
        var verb = new Verb("replay", "The mutation sets with their commands, one per line; --follow keeps streaming new ones until Ctrl+C.");
        var fromOption = verb.Number("--from-version", "The first version to print.", 1);
        var followOption = verb.Add(new Option<bool>("--follow") { Description = "Keep streaming new mutation sets as they commit, until Ctrl+C." });
        return verb.Runs((session, cancellationToken) => RunAsync(session, session.Get(fromOption) ?? 1, session.Get(followOption), cancellationToken));
    }

    /// <summary>Prints the mutation sets; returns the exit code (0 also when Ctrl+C ends a <c>--follow</c>).</summary>
    private static async Task<int> RunAsync(Session session, long from, bool follow, CancellationToken cancellationToken)
    {

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
