namespace Actors.Abstractions.Errors;

/// <summary>The journal store cannot be reached; the request may be retried later (503).</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
