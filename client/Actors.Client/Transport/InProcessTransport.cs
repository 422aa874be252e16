using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Security;
using Actors.Abstractions.Storage;
using Actors.Runtime.Entities;
using Actors.Runtime.Hosting;

namespace Actors.Client.Transport;

/// <summary>
/// Calls the runtime of this process directly: no HTTP, and typed command records reach the actor as they are,
/// without being parsed from JSON. Checks the same permissions and masks the same fields as the gateway, so a
/// caller sees the same answers and refusals as over HTTP. Replays read <paramref name="journal"/> (when given)
/// and wake on the runtime's commit notifier, as the gateway's replay stream does.
/// </summary>
internal sealed class InProcessTransport(ActorRuntime runtime, IJournalStore? journal, string principal, PermissionSet permissions, TimeProvider time) : IActorTransport
{
    /// <summary>How often a following replay looks at the journal for commits made by other processes sharing it.</summary>
    public static readonly TimeSpan FollowPollInterval = TimeSpan.FromSeconds(1);

    private const int ReplayPage = 256;

    public async Task<BatchResponse> SendAsync(ActorKey actor, IReadOnlyList<ActorCommand> commands, bool preview, SendOptions options, CancellationToken cancellationToken)
    {
        var descriptor = Resolve(actor);
        Authorize(descriptor, commands, preview);
        var hash = options.IdempotencyKey is null ? null : RequestHash(actor, preview, commands);
        var request = new BatchRequest([.. commands.Select(ToMessage)], principal, preview, options.ExpectedVersion, options.IdempotencyKey, hash);
        return await ExecuteAsync(actor, descriptor, request, cancellationToken);
    }

    /// <summary>The gateway's restore: the rewind, then a query of every field and edge, in one batch marked as a restore.</summary>
    public async Task<JsonObject> RestoreAsync(ActorKey actor, ActorCommand rewind, CancellationToken cancellationToken)
    {
        var descriptor = Resolve(actor);
        var everything = descriptor.Edges.Keys.Aggregate(ActorQuery.All, (query, edge) => query.Include(edge));
        IReadOnlyList<ActorCommand> commands = [rewind, ActorCommand.Query(everything)];
        Authorize(descriptor, commands, preview: false);
        var request = new BatchRequest([.. commands.Select(ToMessage)], principal, Restore: true);
        var response = await ExecuteAsync(actor, descriptor, request, cancellationToken);
        return response.Last as JsonObject ?? throw new InvalidOperationException("A restore answered no state.");
    }

    public async IAsyncEnumerable<MutationSetEvent> ReplayAsync(ActorKey actor, long fromVersion, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var descriptor = Resolve(actor);
        if (!permissions.Allows(descriptor.Name, "read"))
        {
            var missing = $"actors/{descriptor.Name}:read";
            throw new ActorForbiddenException(ProblemDetails.Create(403, $"Replay needs permission '{missing}', which this token does not have.", permission: missing));
        }

        var store = journal ?? throw new InvalidOperationException(
            "An in-process replay reads the journal: create the client with ActorsClient.InProcess(runtime, journal, principal).");
        if (!follow && await GuardAsync(() => store.GetVersionAsync(actor, cancellationToken)) == 0)
        {
            throw Refused(ActorErrorKind.NotFound, $"{actor.Type} {actor.Id} does not exist.");
        }

        var mask = !permissions.Allows(descriptor.Name, "pii");
        var next = fromVersion;
        while (true)
        {
            // Taken before the read, so a commit between the read and the wait still wakes it.
            var committed = runtime.Notifier.NextCommitAsync(actor);
            var sets = await GuardAsync(() => store.ReadAsync(actor, next - 1, long.MaxValue, ReplayPage, cancellationToken));
            foreach (var set in sets)
            {
                yield return ToEvent(set, mask ? descriptor.SensitiveFields : null);
                next = set.Version + 1;
            }

            if (sets.Count == ReplayPage)
            {
                continue;
            }

            if (!follow)
            {
                yield break;
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(committed, Task.Delay(FollowPollInterval, time, poll.Token));
            await poll.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private ActorTypeDescriptor Resolve(ActorKey actor)
    {
        var descriptor = runtime.Types.Find(actor.Type)
            ?? throw Refused(ActorErrorKind.NotFound, $"Unknown actor type '{actor.Type}'. Known types: {string.Join(", ", runtime.Types.All.Select(t => t.Name))}.");
        return ActorKey.IsValidId(actor.Id)
            ? descriptor
            : throw Refused(ActorErrorKind.InvalidMessage, $"Invalid actor id '{actor.Id}': an id is 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :");
    }

    private async Task<BatchResponse> ExecuteAsync(ActorKey actor, ActorTypeDescriptor descriptor, BatchRequest request, CancellationToken cancellationToken)
    {
        BatchResult result;
        try
        {
            result = await runtime.ExecuteAsync(actor, request, cancellationToken);
        }
        catch (MessageFailedException e)
        {
            throw ProblemDetails.ToException(ProblemDetails.StatusOf(e.Kind), ProblemDetails.Create(ProblemDetails.StatusOf(e.Kind), e.Message, e.MessageIndex, e.MessageType), inner: e);
        }
        catch (ActorException e)
        {
            throw ProblemDetails.ToException(ProblemDetails.StatusOf(e.Kind), ProblemDetails.ForKind(e.Kind, e.Message), inner: e);
        }
        catch (StorageUnavailableException e)
        {
            throw Unavailable(e);
        }

        var mask = !permissions.Allows(actor.Type, "pii");
        var results = result.Results
            .Select(r => new MessageResponse(r.Type, mask ? SensitiveMasker.Mask(r.Result, descriptor.SensitiveFields) : r.Result))
            .ToList();
        return new BatchResponse(results, result.Version, result.Replayed);
    }

    private static async Task<T> GuardAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (StorageUnavailableException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>One journal row as the gateway's replay stream sends it, masked unless <paramref name="sensitive"/> is null.</summary>
    private static MutationSetEvent ToEvent(MutationSetRecord set, IReadOnlySet<string>? sensitive)
    {
        var metadata = JsonNode.Parse(set.Metadata) as JsonObject;
        var events = JsonNode.Parse(set.Events) as JsonArray ?? [];
        if (sensitive is not null)
        {
            SensitiveMasker.Mask(metadata, sensitive);
            SensitiveMasker.Mask(events, sensitive);
        }

        return new MutationSetEvent(set.CheckpointId, set.Version, set.GlobalVersion, set.Timestamp, set.Principal, set.Operation, set.Reason, metadata, events);
    }

    private static ActorMessage ToMessage(ActorCommand command) =>
        new(command.Type, JsonSerializer.SerializeToElement(command.BodyNode, ClientJsonContext.Default.JsonObject)) { Command = command.Typed };

    /// <summary>Every message is checked before any runs, as the gateway does.</summary>
    private void Authorize(ActorTypeDescriptor descriptor, IReadOnlyList<ActorCommand> commands, bool preview)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            var type = commands[i].Type;
            var kind = descriptor.Classify(type)
                ?? throw ProblemDetails.ToException(400, ProblemDetails.Create(
                    400,
                    $"Unknown message type '{type}' for actor type '{descriptor.Name}'. Known types: {string.Join(", ", descriptor.Messages.Keys.Order(StringComparer.Ordinal))}.",
                    i,
                    type));
            var permission = kind switch
            {
                MessageKind.Read => "read",
                MessageKind.Write => "write",
                _ => preview ? "rewind:preview" : "rewind",
            };
            if (!permissions.Allows(descriptor.Name, permission))
            {
                var missing = $"actors/{descriptor.Name}:{permission}";
                throw new ActorForbiddenException(ProblemDetails.Create(
                    403, $"Message '{type}' needs permission '{missing}', which this token does not have.", i, type, missing));
            }
        }
    }

    private static string RequestHash(ActorKey actor, bool preview, IReadOnlyList<ActorCommand> commands)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{actor.Type}/{actor.Id}?preview={preview}\n"));
        hash.AppendData(BatchJson.Encode(commands));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static ActorStorageUnavailableException Unavailable(StorageUnavailableException e) =>
        new(ProblemDetails.Create(503, "The journal store cannot be reached; retry later."), retryAfter: null, e);

    private static ActorRefusedException Refused(ActorErrorKind kind, string detail) =>
        new(kind, ProblemDetails.StatusOf(kind), ProblemDetails.Create(ProblemDetails.StatusOf(kind), detail));
}
