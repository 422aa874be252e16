using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;

namespace Actors.History;

public sealed partial class TieredJournalStore
{
    /// <summary>
    /// Events across actors from both tiers, in the hot journal's order: archived sets keep the event-feed position they
    /// had, so a cursor handed out before a set was archived still finds it after, and a set in both tiers for a moment
    /// (archived, not yet removed) is answered once. A query that reaches pruned history is refused.
    /// </summary>
    public async Task<EventPage> ReadEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await history.FindPrunedInRangeAsync(query, cancellationToken) is { } pruned)
        {
            throw new HistoryPrunedException(
                $"Events of {pruned.Actor.Type} {pruned.Actor.Id} before version {pruned.EarliestVersion} ({Timestamps.Format(pruned.EarliestTimestamp)}) were pruned; ask for events after {Timestamps.Format(pruned.EarliestTimestamp)}.",
                earliestVersion: null,
                pruned.EarliestTimestamp);
        }

        var page = await hot.ReadEventsAsync(query, cancellationToken);
        var archived = await ArchivedEventsAsync(query, cancellationToken);
        if (archived.Count == 0)
        {
            return page;
        }

        var merged = new List<EventPageEntry>(page.Entries);
        var positions = page.Entries.Select(e => e.CursorAfter).ToHashSet(StringComparer.Ordinal);
        merged.AddRange(archived.Where(a => !positions.Contains(a.Cursor)).Select(a => new EventPageEntry(a.Set, a.Cursor)));
        merged.Sort((a, b) => history.CompareEventCursors(a.CursorAfter, b.CursorAfter));
        var answer = merged.Take(query.Limit).ToList();
        if (answer.Any(e => !positions.Contains(e.CursorAfter)))
        {
            HistoryTier.MarkArchive();
        }

        return new EventPage(answer);
    }

    /// <summary>
    /// The global version of the newest set committed at or before a time, in either tier. Where pruned history may hold a
    /// newer one, the answer would be a guess: refused.
    /// </summary>
    public async Task<long?> GetGlobalVersionAsync(DateTimeOffset? atOrBefore, CancellationToken cancellationToken)
    {
        var newest = await hot.GetGlobalVersionAsync(atOrBefore, cancellationToken);
        if (atOrBefore is not { } at)
        {
            // The newest set of all is some actor's newest, which is always in the hot journal.
            return newest;
        }

        var truncated = Microseconds.Truncate(at);
        var window = new EventQuery(null, null, null, null, truncated, truncated.AddTicks(TimeSpan.TicksPerMicrosecond), 1, null);
        if (await history.FindPrunedInRangeAsync(window, cancellationToken) is { } pruned)
        {
            throw new HistoryPrunedException(
                $"The journal cannot say which set was newest at {Timestamps.Format(truncated)}: {pruned.Actor.Type} {pruned.Actor.Id} keeps history from {Timestamps.Format(pruned.EarliestTimestamp)}; earlier versions were pruned.",
                earliestVersion: null,
                pruned.EarliestTimestamp);
        }

        if (archive is null)
        {
            return newest;
        }

        foreach (var file in await history.ListArchiveFilesAsync(null, cancellationToken))
        {
            long? candidate = file.MinTimestamp > truncated ? null
                : file.MaxTimestamp <= truncated ? file.MaxGlobalVersion
                : (await archive.ReadFileAsync(file, cancellationToken)).SelectMany(a => a.Sets)
                    .Where(s => s.Set.Timestamp <= truncated).Select(s => (long?)s.Set.GlobalVersion).Max();
            if (candidate > (newest ?? 0))
            {
                newest = candidate;
                HistoryTier.MarkArchive();
            }
        }

        return newest;
    }

    /// <summary>Archived sets that match <paramref name="query"/> and come after its cursor, from the files that can hold any.</summary>
    private async Task<List<ArchivedSet>> ArchivedEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        var matching = new List<ArchivedSet>();
        if (archive is null)
        {
            return matching;
        }

        foreach (var file in await history.ListArchiveFilesAsync(query.ActorType, cancellationToken))
        {
            if ((query.After is { } after && file.MaxTimestamp < Microseconds.Truncate(after))
                || (query.Before is { } before && file.MinTimestamp >= Microseconds.Truncate(before))
                || (query.Cursor is { } cursor && history.CompareEventCursors(file.MaxCursor, cursor) <= 0))
            {
                continue;
            }

            foreach (var actor in await archive.ReadFileAsync(file, cancellationToken))
            {
                if (query.ActorId is { } id && actor.Actor.Id != id)
                {
                    continue;
                }

                matching.AddRange(actor.Sets.Where(s => Matches(s, query)));
            }
        }

        return matching;
    }

    private bool Matches(ArchivedSet archived, EventQuery query)
    {
        var set = archived.Set;
        return (query.Cursor is null || history.CompareEventCursors(archived.Cursor, query.Cursor) > 0)
            && (query.Principal is null || set.Principal == query.Principal)
            && (query.After is null || set.Timestamp >= Microseconds.Truncate(query.After.Value))
            && (query.Before is null || set.Timestamp < Microseconds.Truncate(query.Before.Value))
            && (query.EventType is null || HasEventType(set.Events, query.EventType));
    }

    private static bool HasEventType(string events, string type)
    {
        using var document = JsonDocument.Parse(events);
        return document.RootElement.EnumerateArray().Any(e => e.TryGetProperty("type", out var t) && t.ValueEquals(type));
    }
}
