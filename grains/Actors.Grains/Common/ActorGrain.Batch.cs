using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Actors.Grains.Events;
using Actors.Grains.Messages;
using Actors.Abstractions;
using System.Diagnostics;
using Actors.EventSourcing;

namespace Actors.Grains;

public abstract partial class ActorGrain<TState>
{
    /// <summary>How many times a batch is decided again after losing the race for its version.</summary>
    private int MaxConflictRetries => _services.Options.MaxConflictRetries;

    /// <summary>The batch being decided, while <see cref="ExecuteAsync"/> runs its messages; null between turns.</summary>
    private BatchTurn<TState>? _turn;

    /// <summary>Where history starts, once a message of the current batch looked it up; reported with the batch's result.</summary>
    private HistoryStart? _historyStart;

    /// <summary>The confirmed state with the events raised so far in this batch applied.</summary>
    private TState? Tentative => _turn is null ? Confirmed : _turn.Commands.State;

    /// <summary>True when this batch raised events not yet confirmed.</summary>
    private bool HasPendingEvents => _turn is { Commands.Events.Count: > 0 };

    private void Raise(IActorEvent e) => _turn!.Commands.Raise(e);

    /// <inheritdoc />
    public async Task<BatchResult> ExecuteAsync(BatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await RunAsync(request, cancellationToken)).Result;
    }

    /// <summary>Runs a batch: decided on a copy of the state, then appended as one mutation set, or discarded for a preview.</summary>
    private async Task<(BatchResult Result, TState? State, bool Mutated)> RunAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        using var span = ActorsTelemetry.Source.StartActivity(ActorsTelemetry.Spans.Turn);
        span?.SetTag(ActorsTelemetry.Tags.ActorType, Descriptor.Name);
        span?.SetTag(ActorsTelemetry.Tags.ActorId, Key.Id);
        span?.SetTag(ActorsTelemetry.Tags.BatchSize, request.Messages.Count);
        span?.SetTag(ActorsTelemetry.Tags.Preview, request.Preview);
        var started = _services.Time.GetTimestamp();
        var outcome = "error";
        using var tier = HistoryTier.Scope();
        try
        {
            var result = await DecideAndAppendAsync(request, cancellationToken);
            span?.SetTag(ActorsTelemetry.Tags.ActorVersion, result.Result.Version);
            outcome = "ok";
            return (result.Result with { HistoryTier = tier.Tier, HistoryStart = _historyStart }, result.State, result.Mutated);
        }
        catch (ActorException e)
        {
            outcome = "refused";
            span?.SetStatus(ActivityStatusCode.Error, e.Kind.ToString());
            throw;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            _historyStart = null;
            var type = new KeyValuePair<string, object?>(ActorsTelemetry.Tags.ActorType, Descriptor.Name);
            ActorsTelemetry.TurnDuration.Record(_services.Time.GetElapsedTime(started).TotalMilliseconds, type);
            ActorsTelemetry.Batches.Add(1, type, new(ActorsTelemetry.Tags.Preview, request.Preview), new(ActorsTelemetry.Tags.Outcome, outcome));
            if (request.Preview)
            {
                ActorsTelemetry.Previews.Add(1, type);
            }
        }
    }

    private async Task<(BatchResult Result, TState? State, bool Mutated)> DecideAndAppendAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync();
        for (var attempt = 0; ; attempt++)
        {
            if (!request.Preview && request.IdempotencyKey is { } key
                && await Store.FindIdempotencyAsync(Key, key, cancellationToken) is { } earlier)
            {
                return (Replay(earlier, request), Confirmed, false);
            }

            if (request.ExpectedVersion is { } expected && expected != Version)
            {
                throw new ActorException(
                    ActorErrorKind.PreconditionFailed,
                    $"If-Match expected version {expected}, but {Descriptor.Name} {Key.Id} is at version {Version}.");
            }

            var turn = await DecideAsync(request, cancellationToken);
            if (request.Preview)
            {
                // A preview leaves no trace in the actor's history, but the audit log records that someone looked.
                await Store.AppendAuditAsync(Audit(turn, "preview", turn.Now), cancellationToken);
                return (new BatchResult(turn.Results, Version), turn.Commands.State, turn.Commands.Events.Count > 0);
            }

            if (turn.Commands.Events.Count == 0)
            {
                return (new BatchResult(turn.Results, Version), Confirmed, false);
            }

            bool appended;
            try
            {
                appended = await RaiseConditionalEvent(ToMutationSet(turn));
            }
            catch
            {
                // The append may or may not have committed (a connection can break after COMMIT was sent): the journal
                // alone knows, so it is read again before the next call answers anything.
                _ready = false;
                throw;
            }

            if (appended)
            {
                if (turn.RewindTarget is not null)
                {
                    ActorsTelemetry.Rewinds.Add(1, new KeyValuePair<string, object?>(ActorsTelemetry.Tags.ActorType, Descriptor.Name));
                }

                return (new BatchResult(turn.Results, Version), Confirmed, true);
            }

            // Another activation (another silo, during a membership change) appended this version first. The provider has
            // read its entries; decide the whole batch again on the newest state, never re-append the old decision.
            if (attempt >= MaxConflictRetries)
            {
                throw new VersionConflictException(Key, Version + 1);
            }
        }
    }

    /// <summary>Runs every message of the batch against a copy of the state; nothing is raised or persisted here.</summary>
    private async Task<BatchTurn<TState>> DecideAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        var commands = new CommandTurn<TState>(_rules, Key.Id, Confirmed, new CommandContext(request.Principal, now));
        var turn = new BatchTurn<TState>(request, Guid.CreateVersion7(now), now, commands);
        _turn = turn;
        try
        {
            for (var i = 0; i < request.Messages.Count; i++)
            {
                var message = request.Messages[i];
                try
                {
                    turn.Results.Add(new MessageResult(message.Type, await HandleMessageAsync(message, turn, cancellationToken)));
                }
                catch (HistoryPrunedException e)
                {
                    // Its own problem type and members (where history starts) go along with the message's position.
                    throw e.AtMessage(i, message.Type);
                }
                catch (ActorException e) when (e is not MessageFailedException)
                {
                    throw new MessageFailedException(i, message.Type, e);
                }
            }

            return turn;
        }
        finally
        {
            _turn = null;
        }
    }

    private MutationSet ToMutationSet(BatchTurn<TState> turn)
    {
        var request = turn.Request;
        var idempotency = request.IdempotencyKey is { } key
            ? new IdempotencyRecord(key, request.RequestHash ?? string.Empty, Version + 1, BatchTurn<TState>.EncodeResults(turn.Results))
            : null;
        var audit = turn.Erases ? Audit(turn, "erase", turn.Now)
            : turn.RewindTarget is null ? null
            : Audit(turn, request.Restore ? "restore" : "rewind", turn.Now);
        return new MutationSet(
            turn.CheckpointId, NextTimestamp(turn.Now), request.Principal, turn.Operation(Version), turn.Commands.Events, turn.Metadata(), turn.Reason)
        {
            Idempotency = idempotency,
            Audit = audit,
            ErasesPersonalData = turn.Erases,
        };
    }

    /// <summary>Commit times never go backwards for one actor, so "as of" a time always has one answer.</summary>
    private DateTimeOffset NextTimestamp(DateTimeOffset now)
    {
        var truncated = Timestamps.Truncate(now);
        var last = State.LastTimestamp;
        return truncated > last ? truncated : last.AddTicks(TimeSpan.TicksPerMicrosecond);
    }

    private BatchResult Replay(IdempotencyRecord earlier, BatchRequest request)
    {
        if (!string.Equals(earlier.RequestHash, request.RequestHash ?? string.Empty, StringComparison.Ordinal))
        {
            throw new ActorException(
                ActorErrorKind.IdempotencyKeyReused,
                $"Idempotency-Key '{earlier.Key}' was already used for a different request.");
        }

        var results = JsonNode.Parse(earlier.Response)!.AsArray()
            .Select(r => new MessageResult((string)r!["type"]!, r["result"]?.DeepClone()))
            .ToList();
        return new BatchResult(results, Version, Replayed: true);
    }

    private async Task<JsonNode?> HandleMessageAsync(ActorMessage message, BatchTurn<TState> turn, CancellationToken cancellationToken)
    {
        if (!Descriptor.Messages.TryGetValue(message.Type, out var descriptor))
        {
            throw ActorException.Invalid(
                $"Unknown message type '{message.Type}' for actor type '{Descriptor.Name}'. Known types: {string.Join(", ", Descriptor.Messages.Keys.Order(StringComparer.Ordinal))}.");
        }

        if (turn.Erases && descriptor.Kind != MessageKind.Read)
        {
            throw ActorException.Invalid("erase must be the only change of its batch: send the other commands in a batch of their own.");
        }

        var body = ReadBody(message, descriptor);
        switch (body)
        {
            case EraseBody erase:
                var erased = Erase(erase, turn);
                turn.AddCommand(message);
                return erased;
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
                return await ReadStateAtAsync(point, cancellationToken);
            case RewindBody rewind:
                var rewound = await RewindAsync(rewind, turn, cancellationToken);
                turn.AddCommand(message);
                return rewound;
            default:
                ApplyCommand(message, body, turn);
                turn.AddCommand(message);
                return JsonSerializer.SerializeToNode(new CommandResult(true, turn.CheckpointId, Version + 1), MessagesJsonContext.Default.CommandResult);
        }
    }

    private void ApplyCommand(ActorMessage message, object body, BatchTurn<TState> turn)
    {
        var state = Tentative;
        if (message.Type == "create")
        {
            if (state is not null)
            {
                throw new ActorException(ActorErrorKind.AlreadyExists, $"{Descriptor.Name} {Key.Id} already exists.");
            }

            _rules.Decide(turn.Commands, message.Type, body);
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
                var key = Validate.Required(tag.Key, "key");
                Raise(message.Type == "addTag" ? new TagAdded(key) : new TagRemoved(key));
                break;
            case EmptyBody when message.Type == "delete":
                Raise(new ActorDeleted());
                break;
            case EmptyBody when message.Type == "undelete":
                if (!state.Deleted)
                {
                    throw ActorException.Rule($"{Descriptor.Name} {Key.Id} is not deleted.");
                }

                Raise(new ActorUndeleted());
                break;
            default:
                _rules.Decide(turn.Commands, message.Type, body);
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

        // Required fields (non-nullable in the command records, [JsonRequired]) are named here, the same way the rules
        // name a blank one, rather than in the serializer's words; an explicit null is as missing as an absent field.
        foreach (var property in descriptor.BodyType.Properties)
        {
            if (property.IsRequired
                && (!message.Body.TryGetProperty(property.Name, out var value) || value.ValueKind == JsonValueKind.Null))
            {
                throw ActorException.Invalid($"Field '{property.Name}' is required.");
            }
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

}
