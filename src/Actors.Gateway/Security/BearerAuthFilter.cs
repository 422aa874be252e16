using Actors.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.Security;

/// <summary>Admits only requests with a known bearer token, declared once on the resource group.</summary>
public sealed class BearerAuthFilter(TokenAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Create(StatusCodes.Status401Unauthorized, "Send 'Authorization: Bearer <token>'.");
        }

        var caller = authenticator.Authenticate(header[Scheme.Length..].Trim());
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Problems.Create(StatusCodes.Status401Unauthorized, "The bearer token is not recognised.");
        }

        http.Items[typeof(Caller)] = caller;
        return await next(context);
    }

    /// <summary>The caller this filter admitted.</summary>
    public static Caller CallerOf(HttpContext http) =>
        http.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("The endpoint is not behind BearerAuthFilter.");
}
