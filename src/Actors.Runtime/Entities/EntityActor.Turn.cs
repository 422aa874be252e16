using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Runtime.Entities.Events;
using Actors.Runtime.Entities.Messages;
using Actors.Runtime.Journaling;
using Actors.Runtime.Serialization;

namespace Actors.Runtime.Entities;

public abstract partial class EntityActor<TState>
{
    private async Task<BatchResult> RunTurnAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        var now = Context.Time.GetUtcNow();
        var turn = new BatchTurn(request, Guid.CreateVersion7(now), now);
        var results = new List<MessageResult>(request.Messages.Count);
        try
        {
            for (var i = 0; i < request.Messages.Count; i++)
            {
                var message = request.Messages[i];
                try
                {
                    results.Add(new MessageResult(message.Type, await HandleMessageAsync(message, turn, cancellationToken)));
                }
                catch (ActorException e) when (e is not MessageFailedException)
                {
                    throw new MessageFailedException(i, message.Type, e);
                }
            }

            if (request.Preview)
            {
                // A preview leaves no trace in the actor's history, but the audit log records that someone looked.
                await Context.Store.AppendAuditAsync(Audit(turn, "preview", now), cancellationToken);
            }
            else if (HasPendingEvents)
            {
                var idempotency = request.IdempotencyKey is { } key
                    ? new IdempotencyRecord(key, request.RequestHash ?? string.Empty, Version + 1, BatchTurn.EncodeResults(results))
                    : null;
                var audit = turn.RewindTarget is null ? null : Audit(turn, request.Restore ? "restore" : "rewind", now);
                var info = new MutationSetInfo(turn.CheckpointId, request.Principal, turn.Operation(Version), turn.Metadata(), turn.Reason);
                await ConfirmEventsAsync(info, idempotency, audit, cancellationToken);
            }

            return new BatchResult(results, Version);
        }
        finally
        {
            DiscardPendingEvents();
        }
    }

    private async Task<JsonNode?> HandleMessageAsync(ActorMessage message, BatchTurn turn, CancellationToken cancellationToken)
    {
        if (!Descriptor.Messages.TryGetValue(message.Type, out var descriptor))
        {
            throw ActorException.Invalid(
                $"Unknown message type '{message.Type}' for actor type '{Descriptor.Name}'. Known types: {string.Join(", ", Descriptor.Messages.Keys.Order(StringComparer.Ordinal))}.");
        }

        var body = ReadBody(message, descriptor);
        switch (body)
        {
            case QueryBody query:
                return Query(query.Query);
            case EmptyBody when message.Type == "getPendingChanges":
                return PendingChanges();
            case HistoryBody history:
                return await GetHistoryAsync(history, cancellationToken);
            case DiffBody diff:
                return await DiffAsync(diff, cancellationToken);
            case PageBody page when message.Type == "getCheckpoints":
                return await GetCheckpointsAsync(page, cancellationToken);
            case PageBody page:
                return await GetActivityLogAsync(page, cancellationToken);
            case StatePointBody point:
                return await GetStateAsync(point, cancellationToken);
            case RewindBody rewind:
                var rewound = await RewindAsync(rewind, turn, cancellationToken);
                turn.AddCommand(message);
                return rewound;
            default:
                ApplyCommand(message, body, turn);
                turn.AddCommand(message);
                return JsonSerializer.SerializeToNode(new CommandResult(true, turn.CheckpointId, Version + 1), RuntimeJsonContext.Default.CommandResult);
        }
    }

    private void ApplyCommand(ActorMessage message, object body, BatchTurn turn)
    {
        var state = TentativeState;
        if (message.Type == "create")
        {
            if (state is not null)
            {
                throw new ActorException(ActorErrorKind.AlreadyExists, $"{Descriptor.Name} {Key.Id} already exists.");
            }

            HandleCommand(message.Type, body, turn.Context);
            return;
        }

        if (state is null)
        {
            throw ActorException.NotFound($"{Descriptor.Name} {Key.Id} does not exist; send 'create' first.");
        }

        if (state.Deleted && message.Type != "undelete")
        {
            throw new ActorException(ActorErrorKind.Deleted, $"{Descriptor.Name} {Key.Id} is deleted; send 'undelete' to restore it.");
        }

        switch (body)
        {
            case TagBody tag:
                var key = Required(tag.Key, "key");
                RaiseEvent(message.Type == "addTag" ? new TagAdded(key) : new TagRemoved(key));
                break;
            case EmptyBody when message.Type == "delete":
                RaiseEvent(new ActorDeleted());
                break;
            case EmptyBody when message.Type == "undelete":
                if (!state.Deleted)
                {
                    throw ActorException.Rule($"{Descriptor.Name} {Key.Id} is not deleted.");
                }

                RaiseEvent(new ActorUndeleted());
                break;
            default:
                HandleCommand(message.Type, body, turn.Context);
                break;
        }
    }

    private static object ReadBody(ActorMessage message, MessageDescriptor descriptor)
    {
        if (message.Command is { } command)
        {
            return command.GetType() == descriptor.BodyType.Type
                ? command
                : throw ActorException.Invalid($"Message '{message.Type}' takes a {descriptor.BodyType.Type.Name} body, not {command.GetType().Name}.");
        }

        if (message.Body.ValueKind != JsonValueKind.Object)
        {
            throw ActorException.Invalid($"The body of message '{message.Type}' must be a JSON object, not {message.Body.ValueKind}.");
        }

        try
        {
            return JsonSerializer.Deserialize(message.Body, descriptor.BodyType)
                ?? throw ActorException.Invalid($"The body of message '{message.Type}' is null.");
        }
        catch (JsonException e)
        {
            throw ActorException.Invalid($"Invalid body of message '{message.Type}': {Describe(e, descriptor.BodyType)}");
        }
    }

    /// <summary>STJ's message names CLR types; say it in the wire's terms: which field, and what it must be.</summary>
    private static string Describe(JsonException e, JsonTypeInfo body)
    {
        const string Unmapped = "The JSON property '";
        if (e.Message.StartsWith(Unmapped, StringComparison.Ordinal))
        {
            var name = e.Message[Unmapped.Length..e.Message.IndexOf('\'', Unmapped.Length)];
            return $"unknown field '{name}'.";
        }

        var path = e.Path is { Length: > 2 } p ? p[2..] : null;
        if (path is null)
        {
            return e.Message;
        }

        var field = body.Properties.FirstOrDefault(property => path == property.Name || path.StartsWith(property.Name + "[", StringComparison.Ordinal) || path.StartsWith(property.Name + ".", StringComparison.Ordinal));
        var expected = field is null ? null : WireTypeOf(Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType);
        return expected is null ? $"field '{path}' has the wrong type or format." : $"field '{field!.Name}' must be {expected}.";
    }

    private static string? WireTypeOf(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(decimal) || type == typeof(double) => "a number",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Guid) => "a checkpoint id (UUID)",
        _ when type == typeof(DateTimeOffset) => "an ISO 8601 timestamp such as 2025-01-15T10:30:00Z",
        _ when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => "an array",
        _ => "an object",
    };

    /// <summary>Returns <paramref name="value"/>, or refuses the message when it is missing or blank.</summary>
    protected static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw ActorException.Invalid($"Field '{field}' is required.") : value;
}
