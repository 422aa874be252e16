using System.Text.Json.Nodes;

namespace Actors.Abstractions.Messages;

/// <summary>What a batch answered.</summary>
/// <param name="Results">One result per message, in order.</param>
/// <param name="Version">The actor's confirmed version after the batch (unchanged by a preview).</param>
/// <param name="Replayed">True when this is the stored answer of an earlier batch with the same idempotency key.</param>
[GenerateSerializer, Immutable]
public sealed record BatchResult(IReadOnlyList<MessageResult> Results, long Version, bool Replayed = false);

/// <summary>The result of one message.</summary>
[GenerateSerializer, Immutable]
public sealed record MessageResult(string Type, JsonNode? Result);
