using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Grains.Messages;
using Actors.Abstractions;
using Actors.EventSourcing;

namespace Actors.Grains;

public abstract partial class ActorGrain<TState>
{
    /// <summary>The page size of <c>getHistory</c> when the caller gives none.</summary>
    public const int DefaultHistoryPage = 50;

    /// <summary>
    /// A page of history, oldest first, each checkpoint with the old and new values of the fields it changed.
    /// The work is the rebuild of the state before the page (bounded by the snapshot interval) plus the page.
    /// </summary>
    private async Task<JsonNode?> GetHistoryAsync(HistoryBody body, CancellationToken cancellationToken)
    {
        EnsureExists();
        var limit = body.Limit ?? DefaultHistoryPage;

        // Entry v needs the state before it: after a pruning the first entry is the one after the boundary. An offset
        // given below that reaches pruned history (410); none given starts where history can be told.
        var start = await HistoryStartAsync(cancellationToken);
        var offset = body.Offset ?? (start.EarliestVersion > 1 ? (int)start.EarliestVersion : 0);
        if (limit is < 1 or > MaxPageSize || offset < 0)
        {
            throw ActorException.Invalid($"getHistory needs 'limit' between 1 and {MaxPageSize} and 'offset' of 0 or more.");
        }

        var entries = new List<HistoryEntry>();
        if (offset < Version)
        {
            var state = await RebuildStateAsync(offset, cancellationToken);
            var before = StateJson(state);
            foreach (var set in await Store.ReadAsync(Key, offset, offset + limit, limit, cancellationToken))
            {
                foreach (var e in Descriptor.Codec.Decode(set.Events))
                {
                    state = _rules.Transition(state, e);
                }

                var after = StateJson(state);
                var diff = StateDiff.Between(before, after);
                entries.Add(new HistoryEntry(
                    set.CheckpointId, set.Version, Timestamps.Format(set.Timestamp), set.Principal, set.Operation,
                    before is null ? null : diff.OldValues(), diff.NewValues(), set.Reason, RewindTargetOf(set)));
                before = after;
            }
        }

        var page = new HistoryPage(
            entries, new Pagination(limit, offset, Version), start.EarliestVersion,
            start.EarliestTimestamp is { } earliest ? Timestamps.Format(earliest) : null);
        return JsonSerializer.SerializeToNode(page, MessagesJsonContext.Default.HistoryPage);
    }

    /// <summary>The target a REWIND checkpoint's metadata names, so a history reader sees where it went back to.</summary>
    private static RewindTarget? RewindTargetOf(MutationSetRecord set) =>
        set.Operation == "REWIND" && JsonNode.Parse(set.Metadata)?["rewind"] is JsonObject rewind
            ? new RewindTarget(Guid.Parse((string)rewind["checkpointId"]!), (long)rewind["version"]!, (string)rewind["timestamp"]!)
            : null;

    /// <summary>The difference between two points of history; applied to the first it gives the second.</summary>
    private async Task<JsonNode?> DiffAsync(DiffBody body, CancellationToken cancellationToken)
    {
        EnsureExists();
        var from = await ResolvePointAsync(body.From, "from", cancellationToken);
        var to = await ResolvePointAsync(body.To, "to", cancellationToken);
        var before = StateJson(await RebuildStateAsync(from, cancellationToken));
        var after = StateJson(await RebuildStateAsync(to, cancellationToken));
        return StateDiff.Between(before, after).ToJson();
    }

    /// <summary>What the batch so far would change: the confirmed state against the tentative one.</summary>
    private JsonArray PendingChanges() => StateDiff.Between(StateJson(Confirmed), StateJson(Tentative)).Operations();

    /// <summary>A point of history as a version: a number is a version, a UUID a checkpoint, anything else a timestamp.</summary>
    private async Task<long> ResolvePointAsync(JsonElement? point, string field, CancellationToken cancellationToken)
    {
        switch (point)
        {
            case { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var version):
                return version >= 0 && version <= Version
                    ? version
                    : throw ActorException.NotFound($"{Descriptor.Name} {Key.Id} has no version {version}; its versions are 0..{Version}.");
            case { ValueKind: JsonValueKind.String } text when Guid.TryParse(text.GetString(), out var checkpointId):
                return (await FindCheckpointAsync(checkpointId, cancellationToken)).Version;
            case { ValueKind: JsonValueKind.String } text when DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                return (await Store.FindAtOrBeforeAsync(Key, Timestamps.Truncate(at), cancellationToken))?.Version ?? 0;
            default:
                throw ActorException.Invalid($"Field '{field}' must be a checkpoint id, a version number or an ISO 8601 timestamp.");
        }
    }

    private AuditRecord Audit(BatchTurn<TState> turn, string operation, DateTimeOffset now)
    {
        var target = new JsonObject
        {
            ["messages"] = new JsonArray([.. turn.Request.Messages.Select(m => JsonValue.Create(m.Type))]),
        };
        if (turn.RewindTarget is { } rewind)
        {
            target["rewind"] = rewind.DeepClone();
        }

        if (turn.EraseTarget is { } erase)
        {
            target["erase"] = erase.DeepClone();
        }

        return new AuditRecord(
            Guid.CreateVersion7(now), Timestamps.Truncate(now), turn.Request.Principal, operation,
            Key.Type, Key.Id, target.ToJsonString(), turn.Reason);
    }

    /// <summary>The state as it was after mutation set <paramref name="version"/>: the confirmed one, or rebuilt from the journal (newest snapshot at or before it, then replay).</summary>
    private async Task<TState?> RebuildStateAsync(long version, CancellationToken cancellationToken)
    {
        if (version == Version)
        {
            return Confirmed;
        }

        var (view, _) = await JournalReplay.RebuildAsync(Store, Key, version, _rules.Format, _rules.Format.Apply, cancellationToken);
        return view.State;
    }

    private JsonObject? StateJson(TState? state) =>
        state is null ? null : JsonSerializer.SerializeToNode(state, _rules.StateType)!.AsObject();
}
