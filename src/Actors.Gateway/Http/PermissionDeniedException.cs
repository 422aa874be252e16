using Actors.Abstractions.Errors;

namespace Actors.Gateway.Http;

/// <summary>A request (or one message of a batch) needs a permission the caller's token lacks (403).</summary>
public sealed class PermissionDeniedException(string permission, string what, int? messageIndex = null, string? messageType = null)
    : Exception($"{what} needs permission '{permission}', which this token does not have.")
{
    /// <summary>The failed message's position, when the request was a batch.</summary>
    public int? MessageIndex { get; } = messageIndex;

    /// <summary>The failed message's type, when the request was a batch.</summary>
    public string? MessageType { get; } = messageType;

    /// <summary>The missing permission, e.g. <c>actors/order:rewind</c>.</summary>
    public string Permission { get; } = permission;
}
