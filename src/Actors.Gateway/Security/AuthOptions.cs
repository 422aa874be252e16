namespace Actors.Gateway.Security;

/// <summary>Who may call: configured static tokens and JWTs from an identity provider, bound from <c>Actors:Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>Accepted static tokens; see the README for the configuration keys.</summary>
    public List<TokenOptions> Tokens { get; set; } = [];

    /// <summary>JWT bearer tokens from the users' identity provider (<c>Actors:Auth:Jwt</c>); off unless configured.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>
    /// Accept the development tokens <c>dev-admin</c>, <c>dev-support</c> and <c>dev-reader</c>. Set by the silo
    /// only when no tokens are configured and the store is the embedded default (or the environment is Development).
    /// </summary>
    public bool UseDevelopmentTokens { get; set; }

    /// <summary>The development tokens, documented in the README.</summary>
    public static IReadOnlyList<TokenOptions> DevelopmentTokens { get; } =
    [
        new() { Token = "dev-admin", Principal = "dev-admin", Permissions = ["actors/*:*"] },
        new() { Token = "dev-support", Principal = "dev-support", Permissions = ["actors/*:read", "actors/*:rewind:preview"] },
        new() { Token = "dev-reader", Principal = "dev-reader", Permissions = ["actors/*:read"] },
    ];
}
