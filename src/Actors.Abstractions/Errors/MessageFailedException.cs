namespace Actors.Abstractions.Errors;

/// <summary>A message of a batch failed; the batch left nothing behind.</summary>
public sealed class MessageFailedException(int messageIndex, string messageType, ActorException inner)
    : ActorException(inner.Kind, inner.Message)
{
    /// <summary>Zero-based position of the failed message in the batch.</summary>
    public int MessageIndex { get; } = messageIndex;

    /// <summary>The failed message's type.</summary>
    public string MessageType { get; } = messageType;
}
