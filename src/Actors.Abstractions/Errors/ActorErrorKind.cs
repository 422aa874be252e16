namespace Actors.Abstractions.Errors;

/// <summary>What kind of refusal an <see cref="ActorException"/> is; the gateway maps each to one HTTP status.</summary>
public enum ActorErrorKind
{
    /// <summary>Malformed message, unknown message type or field, wrong value type (400).</summary>
    InvalidMessage,

    /// <summary>Unknown actor, checkpoint or actor type (404).</summary>
    NotFound,

    /// <summary><c>create</c> on an actor that exists (409).</summary>
    AlreadyExists,

    /// <summary>The actor is deleted (410).</summary>
    Deleted,

    /// <summary>The actor moved past the version in <c>If-Match</c> (412).</summary>
    PreconditionFailed,

    /// <summary>The batch or request is larger than the configured limit (413).</summary>
    TooLarge,

    /// <summary>A business rule refused the command (422).</summary>
    BusinessRule,

    /// <summary>An idempotency key was reused for a different request (422).</summary>
    IdempotencyKeyReused,

    /// <summary>The point of history asked for was pruned: no tier holds it any more (410, its own problem type).</summary>
    HistoryPruned,
}
