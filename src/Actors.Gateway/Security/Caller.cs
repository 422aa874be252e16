using Actors.Abstractions.Security;

namespace Actors.Gateway.Security;

/// <summary>The authenticated sender of a request.</summary>
public sealed record Caller(string Principal, PermissionSet Permissions);
