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
using Actors.Grains;

namespace Actors.Client.Transport;

/// <summary>
/// Calls the actors' grains through Orleans: in the silo's own process (its <see cref="IGrainFactory"/>) or from an
/// external Orleans client (an <see cref="IClusterClient"/> connected to a silo's gateway port). No HTTP, and typed
/// command records reach the grain as they are. It resolves, authorizes and masks through the same
/// <see cref="ActorAccess"/> the gateway uses, so a caller sees the same answers and refusals as over HTTP.
/// </summary>
internal sealed class GrainTransport(IGrainFactory grains, string principal, PermissionSet permissions) : IActorTransport
{
    /// <summary>How long a following replay waits in the grain for a commit before it asks again.</summary>
    public static readonly TimeSpan FollowWaitInterval = TimeSpan.FromSeconds(5);

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

        var grain = Grain(actor);
        if (!follow && await GuardAsync(() => grain.GetVersionAsync(cancellationToken)) == 0)
        {
            throw Refused(ActorErrorKind.NotFound, $"{actor.Type} {actor.Id} does not exist.");
        }

        var mask = !permissions.Allows(descriptor.Name, "pii");
        var next = fromVersion;
        while (true)
        {
            var sets = await GuardAsync(() => grain.ReadMutationSetsAsync(next, ReplayPage, cancellationToken));
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

            // The grain answers as soon as its version passes the last one yielded, wherever in the cluster it is active.
            await GuardAsync(() => grain.WaitForVersionAsync(next - 1, FollowWaitInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IActorGrain Grain(ActorKey actor) => grains.GetActor(actor.Type, actor.Id);

    private static ActorTypeDescriptor Resolve(ActorKey actor)
    {
        try
        {
            return ActorAccess.Resolve(actor.Type, actor.Id);
        }
        catch (ActorException e)
        {
            throw Refused(e.Kind, e.Message);
        }
    }

    private async Task<BatchResponse> ExecuteAsync(ActorKey actor, ActorTypeDescriptor descriptor, BatchRequest request, CancellationToken cancellationToken)
    {
        var result = await GuardAsync(() => Grain(actor).ExecuteAsync(request, cancellationToken));
        var results = result.Results
            .Select(r => new MessageResponse(r.Type, ActorAccess.Mask(permissions, descriptor, r.Result)))
            .ToList();
        return new BatchResponse(results, result.Version, result.Replayed);
    }

    /// <summary>Runs a grain call and turns what it throws into the exceptions the HTTP transport throws for the same answers.</summary>
    private static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (MessageFailedException e)
        {
            throw ProblemDetails.ToException(ProblemDetails.StatusOf(e.Kind), ProblemDetails.Create(ProblemDetails.StatusOf(e.Kind), e.Message, e.MessageIndex, e.MessageType), inner: e);
        }
        catch (ActorException e)
        {
            throw ProblemDetails.ToException(ProblemDetails.StatusOf(e.Kind), ProblemDetails.ForKind(e.Kind, e.Message), inner: e);
        }
        catch (Exception e) when (ProblemCatalog.IsUnavailable(e))
        {
            throw new ActorStorageUnavailableException(ProblemDetails.Create(503, ProblemCatalog.UnavailableDetail(e), type: ProblemCatalog.UnavailableProblem(e).Type), retryAfter: null, e);
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
        try
        {
            ActorAccess.Authorize(permissions, descriptor, [.. commands.Select(c => c.Type)], preview);
        }
        catch (MessageFailedException e)
        {
            throw ProblemDetails.ToException(400, ProblemDetails.Create(400, e.Message, e.MessageIndex, e.MessageType));
        }
        catch (PermissionDeniedException e)
        {
            throw new ActorForbiddenException(ProblemDetails.Create(403, e.Message, e.MessageIndex, e.MessageType, e.Permission));
        }
    }

    private static string RequestHash(ActorKey actor, bool preview, IReadOnlyList<ActorCommand> commands)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{actor.Type}/{actor.Id}?preview={preview}\n"));
        hash.AppendData(BatchJson.Encode(commands));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static ActorRefusedException Refused(ActorErrorKind kind, string detail) =>
        new(kind, ProblemDetails.StatusOf(kind), ProblemDetails.Create(ProblemDetails.StatusOf(kind), detail));
}
