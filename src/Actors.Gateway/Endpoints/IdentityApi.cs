using Actors.Grains;
using Actors.Gateway.Security;
using Microsoft.AspNetCore.Builder;
using Actors.Gateway.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Actors.Gateway.Endpoints;

/// <summary><c>GET /resources/me</c>: who the bearer token stands for and what it may do on each actor type.</summary>
public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/resources/me").RequireAuthorization();
        group.MapGet("", GetMe)
            .Describe("identity", "getMe", "Who the token stands for",
                "The principal and, per hosted actor type, the permissions the token holds there (empty when none).")
            .Answers(StatusCodes.Status200OK, "The identity.", OpenApiDescriptions.Ref(nameof(Identity)))
            .Refuses(401);
        return app;
    }

    /// <summary>The caller's principal and, per hosted actor type, the permissions it holds there (empty when none).</summary>
    public static Ok<Identity> GetMe(HttpContext http)
    {
        var caller = Caller.Of(http);
        var permissions = ActorTypes.All.All
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToDictionary(name => name, caller.Permissions.On, StringComparer.Ordinal);

        // The answer tells the holder of a token what it may do; it is theirs alone, so no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new Identity(caller.Principal, permissions));
    }

    /// <summary>The answer of <c>GET /resources/me</c>: <c>{"principal", "permissions": {"order": ["read", ...]}}</c>.</summary>
    public sealed record Identity(string Principal, IReadOnlyDictionary<string, IReadOnlyList<string>> Permissions);
}
