using Actors.Tests.Shared;

namespace Actors.Client.Tests;

/// <summary>Who a test acts as: the same token, principal and permissions over both transports.</summary>
public sealed record TestPrincipal(string Token, string Name, string[] Permissions)
{
    public static readonly TestPrincipal Admin = new("admin-token-0001", "admin", ["actors/*:*"]);
    public static readonly TestPrincipal Support = new("support-token-01", "support", ["actors/*:read", "actors/*:rewind:preview"]);
    public static readonly TestPrincipal Reader = new("reader-token-001", "reader", ["actors/*:read"]);
    public static readonly TestPrincipal Writer = new("writer-token-001", "writer", ["actors/*:read", "actors/*:write"]);

    public static readonly IReadOnlyList<TestPrincipal> All = [Admin, Support, Reader, Writer];

    /// <summary>Configuration keys that make a silo accept <see cref="All"/>.</summary>
    public static Dictionary<string, string?> Configuration() => TestSilo.TokenSettings(All.Select(p => (p.Token, p.Name, p.Permissions)));
}
