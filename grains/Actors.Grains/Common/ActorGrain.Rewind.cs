using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Grains.Events;
using Actors.Grains.Messages;
using Actors.Abstractions;
using Actors.Grains;

namespace Actors.Grains;

public abstract partial class ActorGrain<TState>
{
    /// <summary>
    /// Rebuilds the target state, raises the difference to the current state as one event, and so appends a new
    /// checkpoint: history is never edited, and the rewind can itself be rewound.
    /// </summary>
    private async Task<JsonNode?> RewindAsync(RewindBody body, BatchTurn<TState> turn, CancellationToken cancellationToken)
    {
        EnsureExists();
        var current = Tentative ?? throw NotCreated();
        if (_services.History.RequireReason && !turn.Request.Preview && string.IsNullOrWhiteSpace(body.Reason))
        {
            // The one place the rule is kept: every way of rewinding or restoring (a batch, /restore, a typed call, the
            // .NET client, the command line) reaches the actor here.
            throw ActorException.Invalid("Field 'reason' is required: this server records why every rewind and restore is made (Actors:History:RequireReason).");
        }

        var target = await FindRewindTargetAsync(body, cancellationToken);
        var fields = RewindFields(body.Fields);
        var old = await RebuildStateAsync(target.Version, cancellationToken) ?? throw NotCreated();
        var then = JsonSerializer.SerializeToNode(old, _rules.StateType)!.AsObject();
        var now = JsonSerializer.SerializeToNode(current, _rules.StateType)!.AsObject();
        var changes = new JsonObject();
        foreach (var field in fields)
        {
            if (!JsonNode.DeepEquals(now[field], then[field]))
            {
                changes[field] = then[field]?.DeepClone();
            }
        }

        Raise(new StateRestored(target.Version, target.CheckpointId, changes));
        turn.AddRewind(target, body.Reason);
        var result = new RewindResult(true, target.CheckpointId, Timestamps.Format(target.Timestamp), Version - target.Version, Version + 1);
        return JsonSerializer.SerializeToNode(result, MessagesJsonContext.Default.RewindResult);
    }

    private async Task<MutationSetRecord> FindRewindTargetAsync(RewindBody body, CancellationToken cancellationToken)
    {
        if (Count(body.CheckpointId.HasValue, body.Version.HasValue, body.At.HasValue) != 1)
        {
            throw ActorException.Invalid("rewind needs exactly one of 'checkpointId', 'version' or 'at'.");
        }

        if (body.CheckpointId is { } id)
        {
            return await FindCheckpointAsync(id, cancellationToken);
        }

        if (body.Version is { } version)
        {
            var sets = version >= 1 && version <= Version
                ? await Store.ReadAsync(Key, version - 1, version, 1, cancellationToken)
                : [];
            return sets.Count == 1
                ? sets[0]
                : throw ActorException.NotFound($"{Descriptor.Name} {Key.Id} has no checkpoint with version {version}; its versions are 1..{Version}.");
        }

        return await Store.FindAtOrBeforeAsync(Key, Timestamps.Truncate(body.At!.Value), cancellationToken)
            ?? throw ActorException.NotFound($"{Descriptor.Name} {Key.Id} has no checkpoint at or before {Timestamps.Format(body.At.Value)}.");
    }

    private IReadOnlyList<string> RewindFields(IReadOnlyList<string>? asked)
    {
        var restorable = Descriptor.StateFields.Where(f => f != Descriptor.IdField).ToList();
        if (asked is null)
        {
            return restorable;
        }

        foreach (var field in asked)
        {
            if (field is null || !restorable.Contains(field))
            {
                throw ActorException.Invalid($"Field '{field}' cannot be restored; restorable fields of {Descriptor.Name}: {string.Join(", ", restorable)}.");
            }
        }

        return asked;
    }
}
