using Actors.Tests.Shared;

namespace Actors.Gateway.Tests.Auth;

/// <summary>
/// Two silos that accept JWTs beside the static test tokens: one with the provider's keys in a JWKS file, one with an
/// OpenID Connect authority served over HTTP (whose principal is its tokens' <c>preferred_username</c>).
/// </summary>
public sealed class JwtSilosFixture : IAsyncLifetime
{
    public const string Audience = "actors-tests";
    public const string FileIssuer = "https://id.example.test/";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actors-jwks-{Guid.NewGuid():N}");
    private TestSilo? _keysFileSilo;
    private TestSilo? _authoritySilo;

    /// <summary>Signs the tokens the JWKS-file silo accepts (RSA).</summary>
    public TestIdentityProvider FileProvider { get; } = TestIdentityProvider.Rsa(FileIssuer);

    /// <summary>The provider the authority silo discovers over HTTP (ECDSA).</summary>
    public TestIdentityProvider Authority { get; } = TestIdentityProvider.Ecdsa("pending");

    public TestSilo KeysFileSilo => _keysFileSilo ?? throw new InvalidOperationException("Not started.");

    public TestSilo AuthoritySilo => _authoritySilo ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var jwks = Path.Combine(_directory, "jwks.json");
        await File.WriteAllTextAsync(jwks, FileProvider.Jwks);
        var settings = TestTokens.Configuration();
        settings["Actors:Auth:Jwt:SigningKeysFile"] = jwks;
        settings["Actors:Auth:Jwt:Issuer"] = FileIssuer;
        settings["Actors:Auth:Jwt:Audience"] = Audience;
        _keysFileSilo = await TestSilo.StartAsync(settings);

        await Authority.ServeAsync();
        var authority = new Dictionary<string, string?>
        {
            ["Actors:Auth:Jwt:Authority"] = Authority.Issuer,
            ["Actors:Auth:Jwt:Audience"] = Audience,
            ["Actors:Auth:Jwt:PrincipalClaim"] = "preferred_username",
            ["Actors:Auth:Jwt:RequireHttpsMetadata"] = "false",
        };
        _authoritySilo = await TestSilo.StartAsync(authority);
    }

    public async Task DisposeAsync()
    {
        if (_authoritySilo is not null)
        {
            await _authoritySilo.DisposeAsync();
        }

        if (_keysFileSilo is not null)
        {
            await _keysFileSilo.DisposeAsync();
        }

        await Authority.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
