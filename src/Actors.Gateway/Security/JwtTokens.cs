using Actors.Abstractions.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Gateway.Security;

/// <summary>
/// Configures the JwtBearer scheme from <see cref="JwtOptions"/>: keys from the authority or the JWKS file, the issuer and
/// audience checked, the principal and grants read from the configured claims, and every refusal a problem saying why.
/// </summary>
internal sealed class JwtTokens(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == ActorsAuthentication.JwtScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        var jwt = auth.Value.Jwt;
        if (!jwt.Enabled)
        {
            return;
        }

        // Claims keep the names the token gives them ('sub', not a WS-Federation URI).
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            options.Authority = jwt.Authority;
        }

        var validation = options.TokenValidationParameters;
        validation.ValidAudience = jwt.Audience;
        validation.ValidateAudience = true;
        validation.ValidateIssuer = true;
        validation.ValidateLifetime = true;
        validation.RequireExpirationTime = true;
        validation.NameClaimType = jwt.PrincipalClaim;
        if (!string.IsNullOrWhiteSpace(jwt.Issuer))
        {
            validation.ValidIssuer = jwt.Issuer;
        }

        if (!string.IsNullOrWhiteSpace(jwt.SigningKeysFile))
        {
            validation.IssuerSigningKeys = jwt.ReadSigningKeys();
        }

        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var principal = context.Principal?.FindFirst(jwt.PrincipalClaim)?.Value;
                if (string.IsNullOrEmpty(principal))
                {
                    context.Fail($"The bearer token has no '{jwt.PrincipalClaim}' claim to name its principal.");
                    return Task.CompletedTask;
                }

                try
                {
                    var grants = context.Principal!.FindAll(jwt.PermissionsClaim).Select(c => c.Value);
                    var caller = new Caller(principal, Abstractions.Security.PermissionSet.ParseClaim(grants));
                    context.HttpContext.Items[typeof(Caller)] = caller;
                    context.Principal = caller.ToPrincipal(ActorsAuthentication.JwtScheme);
                }
                catch (FormatException e)
                {
                    context.Fail($"The bearer token's '{jwt.PermissionsClaim}' claim is invalid: {e.Message}");
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                // Also what the handler would rethrow (the authority's metadata out of reach): the challenge answers it.
                context.Fail(context.Exception);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await ChallengeAsync(context.HttpContext, context.AuthenticateFailure, jwt);
            },
        };
    }

    private static Task ChallengeAsync(HttpContext http, Exception? failure, JwtOptions jwt)
    {
        if (failure is not null and not SecurityTokenException and not AuthenticationFailureException)
        {
            // Not the token's fault: the identity provider's metadata or keys could not be fetched. Retry later.
            http.Response.Headers.RetryAfter = "5";
            return Http.Problems.Create(
                StatusCodes.Status503ServiceUnavailable,
                $"The bearer token cannot be checked now: the identity provider's keys could not be fetched from '{jwt.Authority}'. Retry later.",
                type: ProblemCatalog.UnavailableProblem(new TimeoutException()).Type,
                title: "The identity provider cannot be reached").ExecuteAsync(http);
        }

        var detail = failure switch
        {
            null => "Send 'Authorization: Bearer <token>'.",
            SecurityTokenExpiredException expired => $"The bearer token expired at {expired.Expires:yyyy-MM-ddTHH:mm:ssZ}.",
            SecurityTokenNotYetValidException early => $"The bearer token is not valid before {early.NotBefore:yyyy-MM-ddTHH:mm:ssZ}.",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
                "The bearer token's signature is not valid: no signing key of the identity provider verifies it.",
            SecurityTokenInvalidAudienceException =>
                $"The bearer token is not for this server: its audience ('aud') must be '{jwt.Audience}'.",
            SecurityTokenInvalidIssuerException =>
                $"The bearer token is not from the configured identity provider: its issuer ('iss') must be '{jwt.Issuer ?? jwt.Authority}'.",
            SecurityTokenNoExpirationException => "The bearer token has no expiry ('exp').",
            SecurityTokenMalformedException => "The bearer token is not a well-formed JWT.",
            AuthenticationFailureException own => own.Message,
            _ => "The bearer token is not valid.",
        };
        return AuthProblems.UnauthorizedAsync(http, detail, failure is null ? "Bearer" : "Bearer error=\"invalid_token\"");
    }
}
