using System.Text.Json.Nodes;

namespace Actors.Cli.Commands;

/// <summary><c>actors state order ord-1 [--as-of T | --version N | --checkpoint ID]</c>: the state now or then.</summary>
public static class StateCommand
{
    /// <summary>Prints the state; returns the exit code.</summary>
    public static async Task<int> RunAsync(Session session, CancellationToken cancellationToken)
    {
        var point = session.Point(required: false, "as-of");
        session.Done("state");
        JsonObject? state = point is null
            ? await session.Actor.QueryAsync(cancellationToken: cancellationToken)
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
