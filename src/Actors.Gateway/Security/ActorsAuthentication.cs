using Actors.Abstractions.Errors;
using Actors.Grains;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Security;

/// <summary>
/// Authentication the ASP.NET Core way: two schemes, the configured static tokens (<see cref="StaticTokenHandler"/>) and
/// JWTs from the users' identity provider (JwtBearer), behind one policy scheme that picks by the token; resource groups
/// <c>RequireAuthorization()</c>, and the operators' endpoints the <see cref="AdminPolicy"/>.
/// </summary>
public static class ActorsAuthentication
{
    /// <summary>The default scheme: forwards each request to the scheme its token belongs to.</summary>
    public const string Scheme = "Actors";

    /// <summary>The configured static tokens and the development tokens.</summary>
    public const string StaticScheme = "StaticToken";

    /// <summary>JWTs from the identity provider (<c>Actors:Auth:Jwt</c>).</summary>
    public const string JwtScheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Needs <c>admin</c> on every actor type (<c>actors/*:admin</c>): the Orleans Dashboard.</summary>
    public const string AdminPolicy = "actors-admin";

    /// <summary>Adds both schemes, the policy scheme that picks between them, and the authorization policies.</summary>
    public static IServiceCollection AddActorsAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtTokens>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Static tokens or JWTs", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, StaticTokenHandler>(StaticScheme, null)
            .AddJwtBearer(JwtScheme, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement("admin", "The Orleans Dashboard")));
        services.AddSingleton<IAuthorizationHandler, PermissionRequirement.Handler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenAsProblem>();
        return services;
    }

    /// <summary>
    /// A token shaped like a JWT goes to JwtBearer when JWTs are configured, unless it is a configured static token (a
    /// static token may contain dots); everything else, no token included, to the static tokens, whose challenge says why.
    /// </summary>
    private static string SelectScheme(HttpContext http)
    {
        var auth = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        return auth.Jwt.Enabled
            && BearerToken.Of(http.Request) is { } token
            && BearerToken.LooksLikeJwt(token)
            && http.RequestServices.GetRequiredService<TokenAuthenticator>().Authenticate(token) is null
            ? JwtScheme
            : StaticScheme;
    }

    /// <summary>Needs <see cref="Permission"/> on every hosted actor type.</summary>
    public sealed class PermissionRequirement(string permission, string what) : IAuthorizationRequirement
    {
        public string Permission => permission;

        public string What => what;

        internal sealed class Handler : AuthorizationHandler<PermissionRequirement>
        {
            protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
            {
                if (Caller.From(context.User) is { } caller && ActorTypes.All.All.All(t => caller.Permissions.Allows(t.Name, requirement.Permission)))
                {
                    context.Succeed(requirement);
                }

                return Task.CompletedTask;
            }
        }
    }

    /// <summary>A caller who is signed in but lacks a permission gets the 403 problem that names it.</summary>
    private sealed class ForbiddenAsProblem : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().FirstOrDefault() is { } missing)
            {
                return AuthProblems.ForbiddenAsync(context, new PermissionDeniedException($"actors/*:{missing.Permission}", missing.What));
            }

            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
