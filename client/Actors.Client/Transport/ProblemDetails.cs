using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;

namespace Actors.Client.Transport;

/// <summary>
/// Problem details both ways: the Orleans transport builds them exactly as the gateway answers them, and both
/// transports turn them into the same typed exceptions.
/// </summary>
internal static class ProblemDetails
{
    /// <summary>The problem type of a reused <c>Idempotency-Key</c> (422, like a business rule, but its own type).</summary>
    public const string IdempotencyKeyReusedType = ProblemCatalog.IdempotencyKeyReusedType;

    /// <summary>A problem detail as the gateway writes it.</summary>
    public static JsonObject Create(int status, string detail, int? messageIndex = null, string? messageType = null, string? permission = null, string? type = null)
    {
        var (defaultType, title) = ProblemCatalog.Describe(status);
        var problem = new JsonObject
        {
            ["type"] = type ?? defaultType,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (messageIndex is { } index)
        {
            problem["messageIndex"] = index;
            problem["messageType"] = messageType ?? string.Empty;
        }

        if (permission is not null)
        {
            problem["permission"] = permission;
        }

        return problem;
    }

    /// <summary>The typed exception for a problem answered with <paramref name="status"/>.</summary>
    public static ActorRequestException ToException(int status, JsonObject problem, TimeSpan? retryAfter = null, Exception? inner = null) => status switch
    {
        401 => new ActorUnauthorizedException(problem),
        403 => new ActorForbiddenException(problem),
        503 => new ActorStorageUnavailableException(problem, retryAfter, inner),
        _ when KindOf(status, problem) is { } kind => new ActorRefusedException(kind, status, problem, inner),
        _ => new ActorRequestException(status, problem, inner),
    };

    /// <summary>The HTTP status of a refusal, as the gateway maps it.</summary>
    public static int StatusOf(ActorErrorKind kind) => ProblemCatalog.StatusOf(kind);

    private static ActorErrorKind? KindOf(int status, JsonObject problem) => status switch
    {
        400 or 415 => ActorErrorKind.InvalidMessage,
        404 => ActorErrorKind.NotFound,
        409 => ActorErrorKind.AlreadyExists,
        410 when (string?)problem["type"] == ProblemCatalog.HistoryPrunedType => ActorErrorKind.HistoryPruned,
        410 => ActorErrorKind.Deleted,
        412 => ActorErrorKind.PreconditionFailed,
        413 => ActorErrorKind.TooLarge,
        422 when (string?)problem["type"] == IdempotencyKeyReusedType => ActorErrorKind.IdempotencyKeyReused,
        422 => ActorErrorKind.BusinessRule,
        _ => null,
    };

    /// <summary>A refusal of the whole batch (no message of it failed), with the problem type the gateway gives its kind.</summary>
    public static JsonObject ForKind(ActorErrorKind kind, string detail) =>
        Create(StatusOf(kind), detail, type: ProblemCatalog.TypeOf(kind));
}
