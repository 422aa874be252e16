using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Security;
using Actors.Runtime.Entities;
using Actors.Runtime.Hosting;

namespace Actors.Client.Transport;

/// <summary>
/// Calls the runtime of this process directly: no HTTP, and typed command records reach the actor as they are,
/// without being parsed from JSON. Checks the same permissions and masks the same fields as the gateway, so a
/// caller sees the same answers and refusals as over HTTP.
/// </summary>
internal sealed class InProcessTransport(ActorRuntime runtime, string principal, PermissionSet permissions) : IActorTransport
{
    public async Task<BatchResponse> SendAsync(ActorKey actor, IReadOnlyList<ActorCommand> commands, bool preview, SendOptions options, CancellationToken cancellationToken)
    {
        var descriptor = runtime.Types.Find(actor.Type)
            ?? throw Refused(ActorErrorKind.NotFound, $"Unknown actor type '{actor.Type}'. Known types: {string.Join(", ", runtime.Types.All.Select(t => t.Name))}.");
        if (!ActorKey.IsValidId(actor.Id))
        {
            throw Refused(ActorErrorKind.InvalidMessage, $"Invalid actor id '{actor.Id}': an id is 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :");
        }

        Authorize(descriptor, commands, preview);
        var messages = commands.Select(ToMessage).ToList();
        var hash = options.IdempotencyKey is null ? null : RequestHash(actor, preview, commands);
        var request = new BatchRequest(messages, principal, preview, options.ExpectedVersion, options.IdempotencyKey, hash);
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
            throw ProblemDetails.ToException(ProblemDetails.StatusOf(e.Kind), ProblemDetails.Create(ProblemDetails.StatusOf(e.Kind), e.Message), inner: e);
        }
        catch (StorageUnavailableException e)
        {
            throw new ActorStorageUnavailableException(ProblemDetails.Create(503, "The journal store cannot be reached; retry later."), retryAfter: null, e);
        }

        var mask = !permissions.Allows(actor.Type, "pii");
        var results = result.Results
            .Select(r => new MessageResponse(r.Type, mask ? Actors.Abstractions.Security.SensitiveMasker.Mask(r.Result, descriptor.SensitiveFields) : r.Result))
            .ToList();
        return new BatchResponse(results, result.Version, result.Replayed);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

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

    private static ActorRefusedException Refused(ActorErrorKind kind, string detail) =>
        new(kind, ProblemDetails.StatusOf(kind), ProblemDetails.Create(ProblemDetails.StatusOf(kind), detail));
}
