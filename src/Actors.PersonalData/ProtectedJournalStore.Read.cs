using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.PersonalData;

public sealed partial class ProtectedJournalStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<MutationSetRecord>> ReadAsync(ActorKey actor, long afterVersion, long toVersion, int limit, CancellationToken cancellationToken) =>
        await OpenAsync(await Inner.ReadAsync(actor, afterVersion, toVersion, limit, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MutationSetRecord>> ReadTailAsync(ActorKey actor, long afterVersion, CancellationToken cancellationToken) =>
        await OpenAsync(await Inner.ReadTailAsync(actor, afterVersion, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindCheckpointAsync(ActorKey actor, Guid checkpointId, CancellationToken cancellationToken) =>
        await OpenAsync(await Inner.FindCheckpointAsync(actor, checkpointId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindAtOrBeforeAsync(ActorKey actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        await OpenAsync(await Inner.FindAtOrBeforeAsync(actor, at, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<MutationSetRecord?> FindAtOrBeforeGlobalVersionAsync(ActorKey actor, long globalVersion, CancellationToken cancellationToken) =>
        await OpenAsync(await Inner.FindAtOrBeforeGlobalVersionAsync(actor, globalVersion, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<SnapshotRecord?> FindSnapshotAsync(ActorKey actor, long atOrBeforeVersion, CancellationToken cancellationToken)
    {
        var snapshot = await Inner.FindSnapshotAsync(actor, atOrBeforeVersion, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        var opener = protector.Opener();
        var state = opener.Add(snapshot.State, Fields(actor));
        await opener.OpenAsync(cancellationToken);
        return snapshot with { State = opener.Get(state) };
    }

    /// <inheritdoc />
    public async Task<RebuildSource> ReadForRebuildAsync(ActorKey actor, long upToVersion, CancellationToken cancellationToken)
    {
        var source = await Inner.ReadForRebuildAsync(actor, upToVersion, cancellationToken);
        var opener = protector.Opener();
        var fields = Fields(actor);
        var state = opener.AddOptional(source.Snapshot?.State, fields);
        var sets = Add(opener, source.Sets);
        await opener.OpenAsync(cancellationToken);
        return new RebuildSource(source.Snapshot is { } snapshot ? snapshot with { State = opener.Get(state) } : null, sets(opener));
    }

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> FindIdempotencyAsync(ActorKey actor, string key, CancellationToken cancellationToken)
    {
        var record = await Inner.FindIdempotencyAsync(actor, key, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var opener = protector.Opener();
        var response = opener.Add(record.Response, Fields(actor));
        await opener.OpenAsync(cancellationToken);
        return record with { Response = opener.Get(response) };
    }

    /// <inheritdoc />
    public async Task<EventPage> ReadEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        var page = await Inner.ReadEventsAsync(query, cancellationToken);
        var opener = protector.Opener();
        var sets = Add(opener, [.. page.Entries.Select(e => e.MutationSet)]);
        await opener.OpenAsync(cancellationToken);
        return new EventPage([.. sets(opener).Zip(page.Entries, (set, entry) => entry with { MutationSet = set })]);
    }

    private IReadOnlySet<string>? Fields(ActorKey actor) => protector.Catalog.Find(actor.Type)?.Fields;

    private async Task<IReadOnlyList<MutationSetRecord>> OpenAsync(IReadOnlyList<MutationSetRecord> sets, CancellationToken cancellationToken)
    {
        var opener = protector.Opener();
        var opened = Add(opener, sets);
        await opener.OpenAsync(cancellationToken);
        return opened(opener);
    }

    private async Task<MutationSetRecord?> OpenAsync(MutationSetRecord? set, CancellationToken cancellationToken) =>
        set is null ? null : (await OpenAsync([set], cancellationToken))[0];

    /// <summary>Adds the sets' documents to <paramref name="opener"/>; answers how to read the opened sets once it has opened them.</summary>
    private Func<DocumentOpener, IReadOnlyList<MutationSetRecord>> Add(DocumentOpener opener, IReadOnlyList<MutationSetRecord> sets)
    {
        var handles = sets.Select(set =>
        {
            var fields = Fields(set.Actor);
            return (Events: opener.Add(set.Events, fields), Metadata: opener.Add(set.Metadata, fields));
        }).ToList();
        return opened => [.. sets.Zip(handles, (set, h) => set with { Events = opened.Get(h.Events), Metadata = opened.Get(h.Metadata) })];
    }
}
