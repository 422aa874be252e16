using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Runtime.Entities.Messages;
using Actors.Runtime.Journaling;
using Actors.Runtime.Serialization;

namespace Actors.Runtime.Entities;

public abstract partial class EntityActor<TState>
{
    /// <summary>The most entries one page of checkpoints or activity answers.</summary>
    public const int MaxPageSize = 1000;

    private JsonObject Query(QuerySpec? spec)
    {
        var state = TentativeState ?? throw NotCreated();
        if (state.Deleted)
        {
            throw new ActorException(ActorErrorKind.Deleted, $"{Descriptor.Name} {Key.Id} is deleted; its history can still be read.");
        }

        return QueryProjection.Project(ToJson(state, Version + (HasPendingEvents ? 1 : 0)), spec, Descriptor);
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
        return JsonSerializer.SerializeToNode(entries, RuntimeJsonContext.Default.ListActivityEntry);
    }

    private async Task<JsonNode?> GetStateAsync(StatePointBody point, CancellationToken cancellationToken)
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
            version = (await Context.Store.FindAtOrBeforeAsync(Key, Timestamps.Truncate(point.AsOf!.Value), cancellationToken))?.Version ?? 0;
        }

        var state = await RebuildStateAsync(version, cancellationToken);
        return state is null ? null : ToJson(state, version);
    }

    private async Task<IReadOnlyList<MutationSetRecord>> ReadPageAsync(PageBody page, CancellationToken cancellationToken)
    {
        EnsureExists();
        var limit = page.Limit ?? MaxPageSize;
        if (limit is < 1 or > MaxPageSize)
        {
            throw ActorException.Invalid($"Field 'limit' must be between 1 and {MaxPageSize}.");
        }

        var after = page.After is { } id ? (await FindCheckpointAsync(id, cancellationToken)).Version : 0;
        return await Context.Store.ReadAsync(Key, after, long.MaxValue, limit, cancellationToken);
    }

    private async Task<MutationSetRecord> FindCheckpointAsync(Guid checkpointId, CancellationToken cancellationToken) =>
        await Context.Store.FindCheckpointAsync(Key, checkpointId, cancellationToken)
            ?? throw ActorException.NotFound($"{Descriptor.Name} {Key.Id} has no checkpoint {checkpointId}.");

    private string ActivityMessage(MutationSetRecord set)
    {
        var metadata = JsonNode.Parse(set.Metadata);
        if (set.Operation == "REWIND" && metadata?["rewind"]?["timestamp"] is { } target)
        {
            return $"Rewound {Descriptor.Name} to checkpoint at {(string?)target}";
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

    /// <summary>The state as query answers see it: the stored fields and <c>version</c>.</summary>
    private JsonObject ToJson(TState state, long version)
    {
        var json = JsonSerializer.SerializeToNode(state, StateTypeInfo)!.AsObject();
        json[ActorTypeDescriptor.VersionField] = version;
        return json;
    }

    private void EnsureExists()
    {
        if (Version == 0 && TentativeState is null)
        {
            throw NotCreated();
        }
    }

    private ActorException NotCreated() => ActorException.NotFound($"{Descriptor.Name} {Key.Id} does not exist.");

    private static int Count(params bool[] given) => given.Count(g => g);
}
