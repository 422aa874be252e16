namespace Actors.Abstractions.Storage;

/// <summary>The first answer to a batch sent with an idempotency key, stored with the mutation set it made.</summary>
/// <param name="Key">The client's <c>Idempotency-Key</c>.</param>
/// <param name="RequestHash">Hash of the first request, to refuse the key's reuse for another request.</param>
/// <param name="Version">The version the first request committed.</param>
/// <param name="Response">The first answer (JSON), unmasked.</param>
[GenerateSerializer, Immutable]
public sealed record IdempotencyRecord(string Key, string RequestHash, long Version, string Response);
