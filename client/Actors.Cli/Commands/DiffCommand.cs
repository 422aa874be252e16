namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors diff order ord-1 --from 1 --to 3</c>: what changed between two points, each a checkpoint id, a version or
/// a time. The server's <c>diff</c> message computes it.
/// </summary>
public static class DiffCommand
{
    /// <summary>The <c>diff</c> command.</summary>
    public static Verb Create()
    {
        var verb = new Verb("diff", "What changed between two points, each a checkpoint id, a version or a time.");
        var fromOption = verb.Text("--from", "X", "The earlier point: a checkpoint id, version or time.", required: true);
        var toOption = verb.Text("--to", "Y", "The later point: a checkpoint id, version or time.", required: true);
        return verb.Runs((session, cancellationToken) => RunAsync(session, session.Get(fromOption)!, session.Get(toOption)!, cancellationToken));
    }

    private static async Task<int> RunAsync(Session session, string from, string to, CancellationToken cancellationToken)
    {
        var diff = await session.Actor.DiffAsync(Session.Parse(from, "--from"), Session.Parse(to, "--to"), cancellationToken);
        if (session.Json)
        {
            await session.Output.WriteLineAsync(diff.ToJson().ToJsonString());
            return 0;
        }

        if (diff.IsEmpty)
        {
            await session.Output.WriteLineAsync("No differences.");
            return 0;
        }

        var table = new Table("FIELD", "CHANGE", "FROM", "TO");
        foreach (var (field, value) in diff.Added)
        {
            table.Add(field, "added", string.Empty, Format.Value(value));
        }

        foreach (var (field, change) in diff.Changed)
        {
            table.Add(field, "changed", Format.Value(change.From), Format.Value(change.To));
        }

        foreach (var (field, value) in diff.Removed)
        {
            table.Add(field, "removed", Format.Value(value), string.Empty);
        }

        table.WriteTo(session.Output);
        return 0;
    }
}
