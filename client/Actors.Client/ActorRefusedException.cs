using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;

namespace Actors.Client;

/// <summary>
/// A refusal the caller caused and can act on, of one <see cref="ActorErrorKind"/>: invalid message (400), not found
/// (404), already exists (409), deleted (410), precondition failed (412), too large (413), business rule or reused
/// idempotency key (422). Nothing of the batch was applied.
/// </summary>
public sealed class ActorRefusedException : ActorRequestException
{
    /// <summary>A refusal of kind <paramref name="kind"/> with its problem detail.</summary>
    public ActorRefusedException(ActorErrorKind kind, int status, JsonObject problem, Exception? innerException = null)
        : base(status, problem, innerException)
    {
        Kind = kind;
    }

    /// <summary>What kind of refusal this is.</summary>
    public ActorErrorKind Kind { get; }
}
