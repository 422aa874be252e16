using Actors.Tests.Shared;

namespace Actors.Console.Tests;

/// <summary>The tokens the console's test silo accepts, one per kind of console user.</summary>
public static class ConsoleTokens
{
    public const string Admin = "console-admin-01";
    public const string Support = "console-support1";
    public const string Reader = "console-reader01";

    public static readonly IReadOnlyList<(string Token, string Principal, string[] Permissions)> All =
    [
        (Admin, "alice.admin", ["actors/*:*"]),
        (Support, "sam.support", ["actors/*:read", "actors/*:rewind:preview"]),
        (Reader, "rita.reader", ["actors/*:read"]),
    ];

    /// <summary>Configuration keys that make a silo accept <see cref="All"/>.</summary>
    public static Dictionary<string, string?> Configuration() => TestSilo.TokenSettings(All);
}
