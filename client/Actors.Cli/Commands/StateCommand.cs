using Actors.Client;
using System.Text.Json.Nodes;

namespace Actors.Cli.Commands;

/// <summary><c>actors state order ord-1 [--as-of T | --version N | --checkpoint ID]</c>: the state now or then.</summary>
public static class StateCommand
{
    /// <summary>The <c>state</c> command.</summary>
    public static Verb Create()
    {
        var verb = new Verb("state", "The state now (every field and edge), or as it was at a version, checkpoint or time.");
        var point = new PointOptions(verb, "--as-of", "The time (ISO 8601), e.g. 2025-01-01T00:00:00Z.");
        return verb.Runs((session, cancellationToken) => RunAsync(session, session.Point(point, required: false), cancellationToken));
    }

    private static async Task<int> RunAsync(Session session, HistoryPoint? point, CancellationToken cancellationToken)
    {
        JsonObject? state = point is null
            ? await session.Actor.QueryAsync(ActorQuery.Everything(session.Actor.Key.Type), cancellationToken)
            : await session.Actor.GetStateAsync(point, cancellationToken);
        if (session.Json)
        {
            await session.Output.WriteLineAsync(state?.ToJsonString() ?? "null");
        }
        else if (state is null)
        {
            await session.Output.WriteLineAsync($"{session.Actor.Key} did not exist at {point}.");
        }
        else
        {
            Format.Fields(state).WriteTo(session.Output);
        }

        return 0;
    }
}
