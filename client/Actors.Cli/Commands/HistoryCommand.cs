using Actors.Grains;
using System.Globalization;
using Actors.Abstractions;
using Actors.Client;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors history order ord-1 [--offset N] [--limit N] [--page-size N]</c>: every checkpoint, oldest first, with the
/// old and new values of the fields it changed; one row per changed field for people, a streamed array with <c>--json</c>.
/// </summary>
public static class HistoryCommand
{
    /// <summary>The <c>history</c> command.</summary>
    public static Verb Create()
    {
        var verb = new Verb("history", "Every checkpoint with its reason, a rewind's target, and the old and new values of the fields it changed.");
        var offsetOption = verb.Number("--offset", "Checkpoints to skip first.", 0, int.MaxValue);
        var limitOption = verb.Number("--limit", "At most this many checkpoints.", 1);
        var pageSizeOption = verb.Number("--page-size", "Checkpoints fetched per request.", 1, ActorScope<IActorGrain>.MaxPageSize);
        return verb.Runs((session, cancellationToken) => RunAsync(
            session, (int)(session.Get(offsetOption) ?? 0), session.Get(limitOption), (int)(session.Get(pageSizeOption) ?? ActorScope<IActorGrain>.MaxPageSize), cancellationToken));
    }

    private static async Task<int> RunAsync(Session session, int offset, long? limit, int pageSize, CancellationToken cancellationToken)
    {
        if (limit is { } most && most < pageSize)
        {
            pageSize = (int)most;
        }

        var progress = new Progress(session.Error, "history entries", pageSize);
        var table = new Table("VERSION", "TIMESTAMP", "PRINCIPAL", "OPERATION", "REASON", "FIELD", "OLD", "NEW");
        var count = 0L;
        if (session.Json)
        {
            await session.Output.WriteAsync("[");
        }

        await foreach (var entry in session.Actor.GetHistoryAsync(pageSize, offset, cancellationToken))
        {
            if (count == limit)
            {
                break;
            }

            progress.Step();
            if (session.Json)
            {
                // Streamed, so a long history is never held in memory as one document.
                await session.Output.WriteAsync((count == 0 ? "\n" : ",\n") + Format.Json(entry).ToJsonString());
            }
            else
            {
                AddRows(table, entry);
            }

            count++;
        }

        progress.Finish();
        if (session.Json)
        {
            await session.Output.WriteLineAsync(count == 0 ? "]" : "\n]");
        }
        else
        {
            table.WriteTo(session.Output);
        }

        return 0;
    }

    /// <summary>One row per changed field; the checkpoint's own columns only on its first row.</summary>
    private static void AddRows(Table table, HistoryEntry entry)
    {
        var fields = (entry.NewValue?.Select(p => p.Key) ?? [])
            .Concat(entry.OldValue?.Select(p => p.Key) ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var head = new[] { entry.Version.ToString(CultureInfo.InvariantCulture), Format.Time(entry.Timestamp), entry.Principal, Format.Operation(entry.Operation, entry.Rewind), entry.Reason ?? string.Empty };
        if (fields.Count == 0)
        {
            table.Add([.. head, string.Empty, string.Empty, string.Empty]);
            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var old = entry.OldValue is { } before && before.TryGetPropertyValue(field, out var o) ? Format.Value(o) : string.Empty;
            var @new = entry.NewValue is { } after && after.TryGetPropertyValue(field, out var n) ? Format.Value(n) : string.Empty;
            table.Add([.. i == 0 ? head : ["", "", "", "", ""], field, old, @new]);
        }
    }
}
