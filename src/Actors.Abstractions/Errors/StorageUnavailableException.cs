namespace Actors.Abstractions.Errors;

/// <summary>
/// The journal store cannot be reached, or did not answer within its timeouts; the request may be retried later (503).
/// A batch refused with this exception was not acknowledged: when the connection broke while its commit was under way it
/// may still have committed, which the actor finds out before its next turn; a retry with the same Idempotency-Key is safe.
/// </summary>
[GenerateSerializer]
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
