using System.Security.Claims;
using Actors.Abstractions.Security;
using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.Security;

/// <summary>The authenticated sender of a request.</summary>
public sealed record Caller(string Principal, PermissionSet Permissions)
{
    /// <summary>The claim type each scheme's identity names its principal with.</summary>
    public const string PrincipalClaim = "sub";

    /// <summary>The claim type each scheme's identity holds its grants in.</summary>
    public const string PermissionsClaim = "permissions";

    /// <summary>The caller of a request that passed authorization (the resource groups' <c>RequireAuthorization</c>).</summary>
    public static Caller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[typeof(Caller)] is Caller known)
        {
            return known;
        }

        var caller = From(http.User) ?? throw new InvalidOperationException("The endpoint does not require authorization.");
        http.Items[typeof(Caller)] = caller;
        return caller;
    }

    /// <summary>
    /// The caller an authenticated principal stands for, or null. Each scheme signs in the same shape
    /// (<see cref="ToPrincipal"/>): the name and one <c>permissions</c> claim per grant.
    /// </summary>
    /// <exception cref="FormatException">A grant is malformed.</exception>
    public static Caller? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity is not ClaimsIdentity { IsAuthenticated: true } identity || string.IsNullOrEmpty(identity.Name))
        {
            return null;
        }

        return new Caller(identity.Name, PermissionSet.ParseClaim(identity.FindAll(PermissionsClaim).Select(c => c.Value)));
    }

    /// <summary>An identity of <paramref name="scheme"/> for this caller: <c>sub</c> and one <c>permissions</c> claim per grant.</summary>
    public ClaimsPrincipal ToPrincipal(string scheme) =>
        new(new ClaimsIdentity(
            [new Claim(PrincipalClaim, Principal), .. Permissions.Grants.Select(g => new Claim(PermissionsClaim, g))],
            scheme, PrincipalClaim, roleType: null));
}
