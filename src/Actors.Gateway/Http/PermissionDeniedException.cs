using Actors.Abstractions.Errors;

namespace Actors.Gateway.Http;

/// <summary>A message of the batch needs a permission the caller's token lacks (403).</summary>
public sealed class PermissionDeniedException(int messageIndex, string messageType, string permission)
    : Exception($"Message '{messageType}' needs permission '{permission}', which this token does not have.")
{
    public int MessageIndex { get; } = messageIndex;

    public string MessageType { get; } = messageType;

    /// <summary>The missing permission, e.g. <c>actors/order:rewind</c>.</summary>
    public string Permission { get; } = permission;
}
