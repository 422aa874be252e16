namespace Actors.Torture;

/// <summary>One configured bearer token: its secret, principal and grants.</summary>
public sealed record TokenGrant(string Token, string Principal, IReadOnlyList<string> Permissions);

/// <summary>
/// The tokens every scenario's silos accept: an administrator, a token with no grant, and each permission alone for one
/// type (payment) and for every type. The secrets are new per run, so finding one in the silo's output is a leak.
/// </summary>
public sealed class Tokens
{
    /// <summary>The permissions a token may hold one of.</summary>
    public static readonly string[] Permissions = ["read", "write", "rewind", "rewind:preview", "pii", "erase"];

    /// <summary>The one type the single-type tokens are for.</summary>
    public const string SingleType = "payment";

    public Tokens()
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        Admin = new TokenGrant($"admin-{run}-secret", "torture-admin", ["actors/*:*"]);
        NoGrant = new TokenGrant($"nogrant-{run}-secret", "torture-nogrant", []);
        var singles = new List<TokenGrant>();
        foreach (var scope in new[] { "*", SingleType })
        {
            foreach (var permission in Permissions)
            {
                var name = $"{(scope == "*" ? "all" : scope)}-{permission.Replace(':', '-')}";
                singles.Add(new TokenGrant($"{name}-{run}-secret", $"torture-{name}", [$"actors/{scope}:{permission}"]));
            }
        }

        Singles = singles;
    }

    public TokenGrant Admin { get; }

    /// <summary>A known token that grants nothing.</summary>
    public TokenGrant NoGrant { get; }

    /// <summary>Each permission alone, for <see cref="SingleType"/> and for <c>*</c>.</summary>
    public IReadOnlyList<TokenGrant> Singles { get; }

    public IEnumerable<TokenGrant> All => [Admin, NoGrant, .. Singles];

    /// <summary>The environment variables that configure every token (Actors__Auth__Tokens__i__...).</summary>
    public Dictionary<string, string> Environment()
    {
        var variables = new Dictionary<string, string>();
        var i = 0;
        foreach (var grant in All)
        {
            variables[$"Actors__Auth__Tokens__{i}__Token"] = grant.Token;
            variables[$"Actors__Auth__Tokens__{i}__Principal"] = grant.Principal;
            for (var p = 0; p < grant.Permissions.Count; p++)
            {
                variables[$"Actors__Auth__Tokens__{i}__Permissions__{p}"] = grant.Permissions[p];
            }

            i++;
        }

        return variables;
    }
}
