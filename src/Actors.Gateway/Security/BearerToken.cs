using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.Security;

/// <summary>The token of an <c>Authorization: Bearer &lt;token&gt;</c> header.</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>The bearer token the request carries, or null when it carries none.</summary>
    public static string? Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>True for a compact JWS: three base64url parts separated by dots.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
