namespace Actors.Abstractions.Errors;

/// <summary>A request (or one message of a batch) needs a permission the caller lacks (403).</summary>
[GenerateSerializer]
public sealed class PermissionDeniedException(string permission, string what, int? messageIndex = null, string? messageType = null)
    : Exception($"{what} needs permission '{permission}', which this token does not have.")
{
    /// <summary>The failed message's position, when the request was a batch.</summary>
    [Id(0)]
    public int? MessageIndex { get; } = messageIndex;

    /// <summary>The failed message's type, when the request was a batch.</summary>
    [Id(1)]
    public string? MessageType { get; } = messageType;

    /// <summary>The missing permission, e.g. <c>actors/order:rewind</c>.</summary>
    [Id(2)]
    public string Permission { get; } = permission;
}
