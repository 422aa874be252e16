using Actors.Abstractions.Errors;
using Actors.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.Security;

/// <summary>The problem answers of authentication and authorization: 401 saying why, 403 naming the permission.</summary>
internal static class AuthProblems
{
    public static Task UnauthorizedAsync(HttpContext http, string detail, string wwwAuthenticate)
    {
        http.Response.Headers.WWWAuthenticate = wwwAuthenticate;
        return Problems.Create(StatusCodes.Status401Unauthorized, detail).ExecuteAsync(http);
    }

    public static Task ForbiddenAsync(HttpContext http, PermissionDeniedException denied) =>
        Problems.Create(StatusCodes.Status403Forbidden, denied.Message, new Dictionary<string, object?> { ["permission"] = denied.Permission })
            .ExecuteAsync(http);
}
