using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Tests.Auth;

/// <summary>
/// An identity provider for tests: a signing key of its own, a JWKS document, and (when started) an OpenID Connect
/// discovery document and JWKS served over real HTTP on a loopback port. Tokens are signed here, as a provider would.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly SigningCredentials _credentials;
    private readonly JsonObject _jwk;
    private WebApplication? _server;

    private TestIdentityProvider(SigningCredentials credentials, JsonObject jwk, string issuer)
    {
        _credentials = credentials;
        _jwk = jwk;
        Issuer = issuer;
    }

    /// <summary>The <c>iss</c> of its tokens (its base address once served).</summary>
    public string Issuer { get; private set; }

    /// <summary>The JSON Web Key Set with its public key.</summary>
    public string Jwks => new JsonObject { ["keys"] = new JsonArray(_jwk.DeepClone()) }.ToJsonString();

    /// <summary>A provider signing with RSA (RS256).</summary>
    public static TestIdentityProvider Rsa(string issuer, string keyId = "rsa-1")
    {
        var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = keyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return new(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256), jwk, issuer);
    }

    /// <summary>A provider signing with ECDSA on P-256 (ES256).</summary>
    public static TestIdentityProvider Ecdsa(string issuer, string keyId = "ec-1")
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = keyId, ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X), ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
        return new(new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256), jwk, issuer);
    }

    /// <summary>Serves <c>/.well-known/openid-configuration</c> and <c>/jwks</c>; the issuer becomes the served address.</summary>
    public async Task ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/.well-known/openid-configuration", () => TypedResults.Text(
            new JsonObject { ["issuer"] = Issuer, ["jwks_uri"] = $"{Issuer}/jwks" }.ToJsonString(), "application/json"));
        _server.MapGet("/jwks", () => TypedResults.Text(Jwks, "application/json"));
        await _server.StartAsync();
        Issuer = _server.Urls.First().TrimEnd('/');
    }

    /// <summary>
    /// A signed token. <paramref name="claims"/> go in as given (a string array becomes a JSON array); the lifetime is
    /// an hour around now unless <paramref name="expires"/> says otherwise.
    /// </summary>
    public string Sign(IDictionary<string, object> claims, string audience, string? issuer = null, DateTime? expires = null)
    {
        var end = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = end.AddHours(-2),
            NotBefore = end.AddHours(-2),
            Expires = end,
            SigningCredentials = _credentials,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
