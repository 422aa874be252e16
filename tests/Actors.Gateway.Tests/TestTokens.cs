using Actors.Tests.Shared;

namespace Actors.Gateway.Tests;

/// <summary>The tokens the test silos accept, one per permission shape.</summary>
public static class TestTokens
{
    public const string Admin = "admin-token-0001";
    public const string Support = "support-token-01";
    public const string Reader = "reader-token-001";
    public const string Writer = "writer-token-001";
    public const string OrderRewinder = "order-rewinder-1";
    public const string TicketOnly = "ticket-only-0001";
    public const string PaymentPii = "payment-pii-0001";
    public const string Eraser = "eraser-token-001";

    public static readonly IReadOnlyList<(string Token, string Principal, string[] Permissions)> All =
    [
        (Admin, "admin", ["actors/*:*"]),
        (Support, "support", ["actors/*:read", "actors/*:rewind:preview"]),
        (Reader, "reader", ["actors/*:read"]),
        (Writer, "writer", ["actors/*:read", "actors/*:write"]),
        (OrderRewinder, "order-rewinder", ["actors/order:read", "actors/order:rewind"]),
        (TicketOnly, "ticket-only", ["actors/ticket:*"]),
        (PaymentPii, "payment-pii", ["actors/payment:read", "actors/payment:pii"]),
        (Eraser, "dpo", ["actors/payment:read", "actors/payment:erase", "actors/order:read", "actors/order:erase"]),
    ];

    /// <summary>Configuration keys that make a silo accept <see cref="All"/>.</summary>
    public static Dictionary<string, string?> Configuration() => TestSilo.TokenSettings(All);
}
