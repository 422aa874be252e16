namespace Actors.Abstractions.Messages;

/// <summary>A batch of messages for one actor, run in order in one turn.</summary>
/// <param name="Messages">The messages, in order.</param>
/// <param name="Principal">Who sends the batch; recorded on the checkpoint and in the activity log.</param>
/// <param name="Preview">Run against an isolated copy and discard everything at the end.</param>
/// <param name="ExpectedVersion">From <c>If-Match</c>: the batch is refused unless the actor is at this version.</param>
/// <param name="IdempotencyKey">From <c>Idempotency-Key</c>: a repeat answers the first result without applying it again.</param>
/// <param name="RequestHash">A hash of the request, to tell a retry from a different batch reusing a key.</param>
/// <param name="Restore">The batch is a restore (<c>POST .../restore</c>): its rewind is audited as a restore.</param>
[GenerateSerializer, Immutable]
public sealed record BatchRequest(
    IReadOnlyList<ActorMessage> Messages,
    string Principal,
    bool Preview = false,
    long? ExpectedVersion = null,
    string? IdempotencyKey = null,
    string? RequestHash = null,
    bool Restore = false);
