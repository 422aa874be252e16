using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Security;

/// <summary>
/// JWT bearer tokens signed by the users' identity provider, bound from <c>Actors:Auth:Jwt</c>: its keys come from an
/// OpenID Connect <see cref="Authority"/> (discovery document and JWKS, fetched and refreshed by the JwtBearer handler) or
/// from a JWKS file (<see cref="SigningKeysFile"/>) for sites without one.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The OpenID Connect issuer whose <c>/.well-known/openid-configuration</c> names its keys.</summary>
    public string? Authority { get; set; }

    /// <summary>A JSON Web Key Set file holding the keys tokens are signed with, read at start.</summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>The <c>iss</c> tokens must carry; required with <see cref="SigningKeysFile"/>, otherwise the authority's.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> tokens must carry: this server's name at the identity provider.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim whose value is the principal recorded on checkpoints.</summary>
    public string PrincipalClaim { get; set; } = "sub";

    /// <summary>The claim holding the grants: a space-separated string or an array.</summary>
    public string PermissionsClaim { get; set; } = "permissions";

    /// <summary>Refuse an authority whose metadata is not served over HTTPS (keep on outside tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>True when JWTs are accepted at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKeysFile);

    /// <summary>The signing keys of <see cref="SigningKeysFile"/>.</summary>
    /// <exception cref="InvalidOperationException">The file cannot be read or holds no signing key.</exception>
    public IList<SecurityKey> ReadSigningKeys()
    {
        var path = SigningKeysFile ?? throw new InvalidOperationException("Actors:Auth:Jwt:SigningKeysFile is not set.");
        try
        {
            var keys = new JsonWebKeySet(File.ReadAllText(path)).GetSigningKeys();
            return keys.Count > 0 ? keys : throw new InvalidOperationException($"The JWKS file '{path}' holds no signing key.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"The JWKS file '{path}' cannot be read: {e.Message}", e);
        }
    }
}
