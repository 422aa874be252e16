using System.Text.Json.Nodes;

namespace Actors.Abstractions.Messages;

/// <summary>What a batch answered.</summary>
/// <param name="Results">One result per message, in order.</param>
/// <param name="Version">The actor's confirmed version after the batch (unchanged by a preview).</param>
/// <param name="Replayed">True when this is the stored answer of an earlier batch with the same idempotency key.</param>
/// <param name="HistoryTier">Which tier the batch's reads of history came from: <c>hot</c>, or <c>archive</c> when any came from the archive.</param>
/// <param name="HistoryStart">Where the actor's readable history starts, when the batch listed checkpoints, activity or history.</param>
[GenerateSerializer, Immutable]
public sealed record BatchResult(
    IReadOnlyList<MessageResult> Results,
    long Version,
    bool Replayed = false,
    string HistoryTier = Storage.HistoryTier.Hot,
    Storage.HistoryStart? HistoryStart = null);

/// <summary>The result of one message.</summary>
[GenerateSerializer, Immutable]
public sealed record MessageResult(string Type, JsonNode? Result);
