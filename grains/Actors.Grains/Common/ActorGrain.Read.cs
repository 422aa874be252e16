using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Grains.Messages;
using Actors.Abstractions;
using Actors.Grains;

namespace Actors.Grains;

public abstract partial class ActorGrain<TState>
{
    /// <summary>The most entries one page of checkpoints or activity answers.</summary>
    public const int MaxPageSize = 1000;

    private JsonObject Query(QuerySpec? spec)
    {
        var state = Tentative ?? throw NotCreated();
        if (state.Deleted)
        {
            throw new ActorException(ActorErrorKind.Deleted, $"{Descriptor.Name} {Key.Id} is deleted; its history can still be read.");
        }

        return QueryProjection.Project(_rules.ToJson(state, Version + (HasPendingEvents ? 1 : 0)), spec, Descriptor);
    }

    private async Task<JsonNode?> GetCheckpointsAsync(PageBody page, CancellationToken cancellationToken)
    {
        var sets = await ReadPageAsync(page, cancellationToken);
        var checkpoints = new JsonArray();
        foreach (var set in sets)
        {
            checkpoints.Add(ToJson(set));
        }

        return checkpoints;
    }

    /// <summary>
    /// A checkpoint in the shape of <see cref="CheckpointInfo"/> (the contract, and the OpenAPI schema), built as nodes
    /// directly: a page holds up to 1000, and serializing records to build nodes would write and parse them all again.
    /// </summary>
    private static JsonObject ToJson(MutationSetRecord set)
    {
        var checkpoint = new JsonObject
        {
            ["checkpointId"] = set.CheckpointId,
            ["timestamp"] = Timestamps.Format(set.Timestamp),
            ["version"] = set.Version,
            ["principal"] = set.Principal,
            ["operation"] = set.Operation,
            ["metadata"] = JsonNode.Parse(set.Metadata),
        };
        if (set.Reason is not null)
        {
            checkpoint["reason"] = set.Reason;
        }

        return checkpoint;
    }

    private async Task<JsonNode?> GetActivityLogAsync(PageBody page, CancellationToken cancellationToken)
    {
        var sets = await ReadPageAsync(page, cancellationToken);
        var entries = sets
            .Select(s => new ActivityEntry(Timestamps.Format(s.Timestamp), s.Principal, ActivityMessage(s)))
            .ToList();
        return JsonSerializer.SerializeToNode(entries, MessagesJsonContext.Default.ListActivityEntry);
    }

    private async Task<JsonNode?> ReadStateAtAsync(StatePointBody point, CancellationToken cancellationToken)
    {
        EnsureExists();
        long version;
        if (Count(point.CheckpointId.HasValue, point.Version.HasValue, point.AsOf.HasValue) != 1)
        {
            throw ActorException.Invalid("getState needs exactly one of 'checkpointId', 'version' or 'asOf'.");
        }
        else if (point.CheckpointId is { } id)
        {
            version = (await FindCheckpointAsync(id, cancellationToken)).Version;
        }
        else if (point.Version is { } v)
        {
            version = v >= 0 && v <= Version ? v : throw ActorException.NotFound($"{Descriptor.Name} {Key.Id} has no version {v}; its versions are 0..{Version}.");
        }
        else
        {
            version = (await Store.FindAtOrBeforeAsync(Key, Timestamps.Truncate(point.AsOf!.Value), cancellationToken))?.Version ?? 0;
        }

        var state = await RebuildStateAsync(version, cancellationToken);
        return state is null ? null : _rules.ToJson(state, version);
    }

    private async Task<IReadOnlyList<MutationSetRecord>> ReadPageAsync(PageBody page, CancellationToken cancellationToken)
    {
        EnsureExists();
        var limit = page.Limit ?? MaxPageSize;
        if (limit is < 1 or > MaxPageSize)
        {
            throw ActorException.Invalid($"Field 'limit' must be between 1 and {MaxPageSize}.");
        }

        // Without a checkpoint to start after, a listing starts where history starts (after a pruning: at the boundary).
        var start = await HistoryStartAsync(cancellationToken);
        var after = page.After is { } id ? (await FindCheckpointAsync(id, cancellationToken)).Version : start.EarliestVersion - 1;
        return await Store.ReadAsync(Key, after, long.MaxValue, limit, cancellationToken);
    }

    /// <summary>Where this actor's readable history starts (looked up once per batch, and reported with its result).</summary>
    private async Task<HistoryStart> HistoryStartAsync(CancellationToken cancellationToken) =>
        _historyStart ??= await Store.GetHistoryStartAsync(Key, cancellationToken) ?? new HistoryStart(1, null, 1);

    private async Task<MutationSetRecord> FindCheckpointAsync(Guid checkpointId, CancellationToken cancellationToken) =>
        await Store.FindCheckpointAsync(Key, checkpointId, cancellationToken)
            ?? throw ActorException.NotFound($"{Descriptor.Name} {Key.Id} has no checkpoint {checkpointId}.");

    private string ActivityMessage(MutationSetRecord set)
    {
        var metadata = JsonNode.Parse(set.Metadata);
        if (set.Operation == "REWIND" && metadata?["rewind"]?["timestamp"] is { } target)
        {
            return $"Rewound {Descriptor.Name} to checkpoint at {(string?)target}";
        }

        if (set.Operation == "ERASE")
        {
            var fields = metadata?["erase"]?["fields"]?.AsArray().Select(f => (string?)f) ?? [];
            return $"Erased personal data of {Descriptor.Name} ({string.Join(", ", fields)})";
        }

        var commands = metadata?["commands"]?.AsArray().Select(c => (string?)c?["type"]) ?? [];
        var verb = set.Operation switch
        {
            "CREATE" => "Created",
            "DELETE" => "Deleted",
            "UNDELETE" => "Undeleted",
            _ => "Updated",
        };
        return $"{verb} {Descriptor.Name} ({string.Join(", ", commands)})";
    }

    private void EnsureExists()
    {
        if (Version == 0 && Tentative is null)
        {
            throw NotCreated();
        }
    }

    private ActorException NotCreated() => ActorException.NotFound($"{Descriptor.Name} {Key.Id} does not exist.");

    private static int Count(params bool[] given) => given.Count(g => g);
}
