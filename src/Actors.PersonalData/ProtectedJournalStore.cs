using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;

namespace Actors.PersonalData;

/// <summary>
/// The journal store the silo's grains, gateway and jobs use: a decorator over the configured store (SQLite or
/// PostgreSQL) that seals personal values on their way in (events, command bodies in metadata, snapshots, idempotency
/// answers) with the actor's data key, and opens them on their way out. A value whose key an erasure destroyed reads as
/// null, whoever reads it. Types without personal fields pass through untouched, as do documents that hold no personal
/// value: the append of such a document costs a substring search.
/// </summary>
public sealed partial class ProtectedJournalStore(PersonalDataProtector protector) : IJournalStore
{
    private IJournalStore Inner => protector.SealedJournal;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Inner.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<long> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = request.MutationSet.Actor;
        if (protector.Catalog.Find(actor.Type) is not { } personal)
        {
            return await Inner.AppendAsync(request, cancellationToken);
        }

        if (request.Erasure is not null)
        {
            return await EraseAsync(request, personal, cancellationToken);
        }

        if (!Documents(request, personal.Fields).Any(d => d is { HasValuesInClear: true }))
        {
            return await Inner.AppendAsync(request, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            var key = await protector.GetKeyAsync(actor, cancellationToken);
            try
            {
                return await Inner.AppendAsync(Seal(request, personal.Fields, key), cancellationToken);
            }
            catch (DataKeyDestroyedException) when (attempt == 1)
            {
                // Erased since this silo read the key (on another silo, or by an activation before this one): the actor's
                // values written from now on get its next key. An erasure of this very version would have conflicted instead.
                protector.Forget(actor);
            }
        }
    }

    /// <summary>
    /// An erasing append: its own documents keep no value in clear, and the store, in the same transaction, purges the
    /// actor's documents held in clear (written before values were sealed) and destroys its keys.
    /// </summary>
    private async Task<long> EraseAsync(AppendRequest request, PersonalFields personal, CancellationToken cancellationToken)
    {
        var fields = personal.Fields;
        var actor = request.MutationSet.Actor;
        var set = request.MutationSet;
        var erasing = request with
        {
            MutationSet = set with
            {
                Events = PersonalDocument.Purge(set.Events, fields) ?? set.Events,
                Metadata = PersonalDocument.Purge(set.Metadata, fields) ?? set.Metadata,
            },
            Snapshot = request.Snapshot is { } snapshot ? snapshot with { State = PersonalDocument.Purge(snapshot.State, fields) ?? snapshot.State } : null,
            Idempotency = request.Idempotency is { } idempotency
                ? idempotency with { Response = PersonalDocument.Purge(idempotency.Response, fields) ?? idempotency.Response }
                : null,
            Erasure = new PersonalDataErasure
            {
                PurgeDocument = document => PersonalDocument.Purge(document, fields),
                SnapshotDataNeedle = $"\"{personal.IdField}\":\"{actor.Id}\"",
                PurgeSnapshotChunk = chunk => PersonalDocument.PurgeLines(chunk, personal.IdField, actor.Id, fields),
            },
        };
        try
        {
            return await Inner.AppendAsync(erasing, cancellationToken);
        }
        finally
        {
            protector.Forget(actor);
        }
    }

    /// <summary>The request's documents that hold personal values, in the order <see cref="Seal"/> writes them.</summary>
    private static PersonalDocument?[] Documents(AppendRequest request, IReadOnlySet<string> fields) =>
    [
        PersonalDocument.Read(request.MutationSet.Events, fields),
        PersonalDocument.Read(request.MutationSet.Metadata, fields),
        request.Snapshot is { } snapshot ? PersonalDocument.Read(snapshot.State, fields) : null,
        request.Idempotency is { } idempotency ? PersonalDocument.Read(idempotency.Response, fields) : null,
    ];

    /// <summary>The request with every personal value in clear sealed with <paramref name="key"/>, naming the key for the store to check.</summary>
    private static AppendRequest Seal(AppendRequest request, IReadOnlySet<string> fields, DataKey key)
    {
        // Read again: sealing changes the parsed documents, and a second attempt seals with another key.
        var documents = Documents(request, fields);
        var set = request.MutationSet;
        return request with
        {
            MutationSet = set with
            {
                Events = documents[0]?.Seal(key) ?? set.Events,
                Metadata = documents[1]?.Seal(key) ?? set.Metadata,
            },
            Snapshot = request.Snapshot is { } snapshot ? snapshot with { State = documents[2]?.Seal(key) ?? snapshot.State } : null,
            Idempotency = request.Idempotency is { } idempotency ? idempotency with { Response = documents[3]?.Seal(key) ?? idempotency.Response } : null,
            DataKeyId = key.KeyId,
        };
    }

    /// <inheritdoc />
    public Task<long> GetVersionAsync(ActorKey actor, CancellationToken cancellationToken) => Inner.GetVersionAsync(actor, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Forwarded, not left to the interface's default: the journal beneath (the tiered one) knows where history starts.</remarks>
    public Task<HistoryStart?> GetHistoryStartAsync(ActorKey actor, CancellationToken cancellationToken) =>
        Inner.GetHistoryStartAsync(actor, cancellationToken);

    /// <inheritdoc />
    public Task<bool> PingAsync(CancellationToken cancellationToken) => Inner.PingAsync(cancellationToken);

    /// <inheritdoc />
    public Task<long?> GetGlobalVersionAsync(DateTimeOffset? atOrBefore, CancellationToken cancellationToken) =>
        Inner.GetGlobalVersionAsync(atOrBefore, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListActorIdsAsync(string actorType, string? afterId, int limit, CancellationToken cancellationToken) =>
        Inner.ListActorIdsAsync(actorType, afterId, limit, cancellationToken);

    /// <inheritdoc />
    public Task AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken) => Inner.AppendAuditAsync(record, cancellationToken);

    /// <inheritdoc />
    public Task<AuditPage> ReadAuditAsync(AuditQuery query, CancellationToken cancellationToken) => Inner.ReadAuditAsync(query, cancellationToken);
}
