namespace Actors.Abstractions.Errors;

/// <summary>
/// The one table of problem answers: the HTTP status of each kind of refusal, and the <c>type</c> and <c>title</c> of
/// each status. The gateway writes problems from it; the client reads them back with it.
/// </summary>
public static class ProblemCatalog
{
    /// <summary>The problem type of a reused <c>Idempotency-Key</c> (422, like a business rule, but its own type).</summary>
    public const string IdempotencyKeyReusedType = "urn:actors:problem:idempotency-key-reused";

    /// <summary>The problem type of a point of history that no tier holds any more (410, like a deleted actor, but its own type).</summary>
    public const string HistoryPrunedType = "urn:actors:problem:history-pruned";

    /// <summary>The title of <see cref="HistoryPrunedType"/>.</summary>
    public const string HistoryPrunedTitle = "That history was pruned";

    /// <summary>The HTTP status of a refusal.</summary>
    public static int StatusOf(ActorErrorKind kind) => kind switch
    {
        ActorErrorKind.InvalidMessage => 400,
        ActorErrorKind.NotFound => 404,
        ActorErrorKind.AlreadyExists => 409,
        ActorErrorKind.Deleted or ActorErrorKind.HistoryPruned => 410,
        ActorErrorKind.PreconditionFailed => 412,
        ActorErrorKind.TooLarge => 413,
        ActorErrorKind.BusinessRule or ActorErrorKind.IdempotencyKeyReused => 422,
        _ => 400,
    };

    /// <summary>The problem type of a refusal: its status's type, but a reused key and pruned history have their own.</summary>
    public static string TypeOf(ActorErrorKind kind) => kind switch
    {
        ActorErrorKind.IdempotencyKeyReused => IdempotencyKeyReusedType,
        ActorErrorKind.HistoryPruned => HistoryPrunedType,
        _ => Describe(StatusOf(kind)).Type,
    };

    /// <summary>The <c>type</c> and <c>title</c> of a problem answered with <paramref name="status"/>.</summary>
    public static (string Type, string Title) Describe(int status)
    {
        var (slug, title) = status switch
        {
            400 => ("invalid-request", "The request is invalid"),
            401 => ("unauthorized", "A valid bearer token is required"),
            403 => ("forbidden", "The token lacks a permission"),
            404 => ("not-found", "Not found"),
            405 => ("method-not-allowed", "The method is not allowed here"),
            408 => ("request-timeout", "The request arrived too slowly"),
            409 => ("already-exists", "The actor already exists"),
            410 => ("deleted", "The actor is deleted"),
            412 => ("precondition-failed", "The actor has moved on"),
            413 => ("too-large", "The request is too large"),
            414 => ("uri-too-long", "The URL is too long"),
            415 => ("unsupported-media-type", "The body must be application/json"),
            422 => ("business-rule", "A business rule refused the request"),
            431 => ("headers-too-large", "The request headers are too large"),
            503 => ("storage-unavailable", "Storage is unavailable"),
            _ => ("server-error", "The server failed"),
        };
        return ($"urn:actors:problem:{slug}", title);
    }

    /// <summary>
    /// True for what a retry can cure: the journal unreachable, every retry of a batch beaten by another writer, or the
    /// cluster unable to reach the actor's silo (a silo that died, is stopping, or did not answer in time). Each is a 503
    /// with Retry-After; the batch was not acknowledged, and a retry with the same Idempotency-Key applies it at most once.
    /// Such a cause inside an <see cref="AggregateException"/> or an Orleans exception counts too.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => UnavailableCause(exception) is not null;

    /// <summary>The problem type of a 503: the journal unreachable, or the actor (its silo, the cluster) unreachable.</summary>
    public static (string Type, string Title) UnavailableProblem(Exception exception) => UnavailableCause(exception) switch
    {
        StorageUnavailableException => Describe(503),
        _ => ("urn:actors:problem:unavailable", "The actor cannot be reached right now"),
    };

    /// <summary>What a 503 says for an exception <see cref="IsUnavailable"/> accepts.</summary>
    public static string UnavailableDetail(Exception exception) => UnavailableCause(exception) switch
    {
        StorageUnavailableException or OrleansException { InnerException: StorageUnavailableException } => "The journal store cannot be reached; retry later.",
        VersionConflictException => "Other writers kept changing this actor; nothing was written. Retry the request.",
        TimeoutException => "The actor did not answer in time; retry later (with the same Idempotency-Key, a batch is applied at most once).",
        _ => "The actor's silo cannot be reached right now; retry later.",
    };

    /// <summary>
    /// The exception that makes <paramref name="exception"/> retryable, itself or the cause inside a wrapper (an
    /// <see cref="AggregateException"/> whose every cause is retryable, or an Orleans exception around one); null when none.
    /// Other exceptions are not looked into: a fault that merely mentions a timeout stays a fault (500).
    /// </summary>
    private static Exception? UnavailableCause(Exception? exception) => exception switch
    {
        StorageUnavailableException
            or VersionConflictException
            or OrleansMessageRejectionException
            or GatewayTooBusyException
            or ClientNotAvailableException
            or OrleansLifecycleCanceledException
            or Orleans.Runtime.Messaging.ConnectionFailedException
            or TimeoutException => exception,
        AggregateException many => many.InnerExceptions.Count > 0 && many.InnerExceptions.All(IsUnavailable) ? UnavailableCause(many.InnerExceptions[0]) : null,
        OrleansException wrapper => UnavailableCause(wrapper.InnerException),
        _ => null,
    };
}
