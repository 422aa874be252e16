using System.Security.Cryptography;
using System.Text;
using Actors.Abstractions.Security;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Security;

/// <summary>
/// Maps bearer tokens to callers. Tokens are held only as SHA-256 hashes and compared in constant time,
/// so neither memory dumps nor response timing give a token away.
/// </summary>
public sealed class TokenAuthenticator
{
    private readonly (byte[] Hash, Caller Caller)[] _tokens;

    public TokenAuthenticator(IOptions<AuthOptions> options)
    {
        var configured = options.Value.Tokens.AsEnumerable();
        if (options.Value.UseDevelopmentTokens)
        {
            configured = configured.Concat(AuthOptions.DevelopmentTokens);
        }

        _tokens = [.. configured.Select(t => (Hash(t.Token), new Caller(t.Principal, PermissionSet.Parse(t.Permissions))))];
    }

    /// <summary>The caller the token stands for, or null.</summary>
    public Caller? Authenticate(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = Hash(token);
        Caller? found = null;
        foreach (var (known, caller) in _tokens)
        {
            // Look at every token whatever matched, so the time taken says nothing about which one did.
            if (CryptographicOperations.FixedTimeEquals(hash, known))
            {
                found = caller;
            }
        }

        return found;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
