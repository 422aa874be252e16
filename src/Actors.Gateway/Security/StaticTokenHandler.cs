using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Security;

/// <summary>
/// The configured static tokens (and the development tokens) as an ASP.NET Core authentication scheme: a known token
/// signs in its principal and grants; an unknown one fails; a request without a bearer token is left to the challenge.
/// </summary>
public sealed class StaticTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenAuthenticator tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.Of(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (tokens.Authenticate(token) is not { } caller)
        {
            // Never the token itself: it may be a real one mistyped, and messages end up in logs.
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not recognised."));
        }

        Context.Items[typeof(Caller)] = caller;
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(Scheme.Name), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is { } failure)
        {
            await AuthProblems.UnauthorizedAsync(Context, failure.Message, "Bearer error=\"invalid_token\"");
        }
        else
        {
            await AuthProblems.UnauthorizedAsync(Context, "Send 'Authorization: Bearer <token>'.", "Bearer");
        }
    }
}
