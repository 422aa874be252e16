using Actors.Grains;
using Actors.Abstractions;
using Actors.Client;

namespace Actors.Cli.Commands;

/// <summary><c>actors checkpoints order ord-1</c>: every checkpoint, earliest first, paging through them.</summary>
public static class CheckpointsCommand
{
    /// <summary>The <c>checkpoints</c> command.</summary>
    public static Verb Create()
    {
        var verb = new Verb("checkpoints", "Every checkpoint, earliest first.");
        var afterOption = verb.Text("--after", "ID", "Start after this checkpoint id.");
        var pageSizeOption = verb.Number("--page-size", "Checkpoints fetched per request.", 1, ActorScope<IActorGrain>.MaxPageSize);
        return verb.Runs((session, cancellationToken) => RunAsync(session, session.Get(afterOption), session.Get(pageSizeOption), cancellationToken));
    }

    private static async Task<int> RunAsync(Session session, string? afterText, long? pageSizeValue, CancellationToken cancellationToken)
    {
        var after = afterText is { } text
            ? Guid.TryParse(text, out var id) ? id : throw new UsageException($"--after must be a checkpoint id (UUID), not '{text}'.")
            : (Guid?)null;
        var pageSize = (int)(pageSizeValue ?? ActorScope<IActorGrain>.MaxPageSize);

        var progress = new Progress(session.Error, "checkpoints", pageSize);
        var table = new Table("VERSION", "CHECKPOINT", "TIMESTAMP", "PRINCIPAL", "OPERATION", "COMMANDS", "REASON");
        var first = true;
        if (session.Json)
        {
            await session.Output.WriteAsync("[");
        }

        await foreach (var checkpoint in session.Actor.GetCheckpointsAsync(pageSize, after, cancellationToken))
        {
            progress.Step();
            if (session.Json)
            {
                // Streamed, so a long history is never held in memory as one document.
                await session.Output.WriteAsync((first ? "\n" : ",\n") + Format.Json(checkpoint).ToJsonString());
            }
            else
            {
                table.Add(
                    checkpoint.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    checkpoint.CheckpointId.ToString(),
                    Format.Time(checkpoint.Timestamp),
                    checkpoint.Principal,
                    Format.Operation(checkpoint.Operation, checkpoint.Rewind),
                    string.Join(", ", checkpoint.CommandTypes),
                    checkpoint.Reason);
            }

            first = false;
        }

        progress.Finish();
        if (session.Json)
        {
            await session.Output.WriteLineAsync(first ? "]" : "\n]");
        }
        else
        {
            table.WriteTo(session.Output);
        }

        return 0;
    }
}
