namespace Actors.Abstractions.Errors;

/// <summary>A message of a batch failed; the batch left nothing behind.</summary>
[GenerateSerializer]
public sealed class MessageFailedException(int messageIndex, string messageType, ActorException inner)
    : ActorException(inner.Kind, inner.Message)
{
    /// <summary>Zero-based position of the failed message in the batch.</summary>
    [Id(0)]
    public int MessageIndex { get; } = messageIndex;

    /// <summary>The failed message's type.</summary>
    [Id(1)]
    public string MessageType { get; } = messageType;
}
