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
    /// <summary>Prints the history; returns the exit code.</summary>
    public static async Task<int> RunAsync(Session session, CancellationToken cancellationToken)
    {
        var offset = (int)(session.Arguments.Number("offset", 0, int.MaxValue) ?? 0);
        var limit = session.Arguments.Number("limit", 1);
        var pageSize = (int)(session.Arguments.Number("page-size", 1, ActorScope<IActorGrain>.MaxPageSize) ?? ActorScope<IActorGrain>.MaxPageSize);
        session.Done("history");
        if (limit is { } most && most < pageSize)
        {
            pageSize = (int)most;
        }

        var progress = new Progress(session.Error, "history entries", pageSize);
        var table = new Table("VERSION", "TIMESTAMP", "PRINCIPAL", "OPERATION", "FIELD", "OLD", "NEW");
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
        var head = new[] { entry.Version.ToString(CultureInfo.InvariantCulture), Format.Time(entry.Timestamp), entry.Principal, entry.Operation };
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
            table.Add([.. i == 0 ? head : ["", "", "", ""], field, old, @new]);
        }
    }
}
