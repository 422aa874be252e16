using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Actors.Gateway.Http;

/// <summary>
/// Refuses a request whose URL or headers exceed <see cref="GatewayOptions"/>' limits with a 414 or 431 problem. Kestrel
/// answers such refusals itself with an empty body, before any application code runs, and lets no application change
/// that; so its limits are set above these (<see cref="GatewayOptions.KestrelLimit"/>) and the gateway refuses first.
/// </summary>
public sealed class RequestSizeLimits(IOptions<GatewayOptions> options) : IMiddleware
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var limits = options.Value;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{context.Request.Path}{context.Request.QueryString}";
        if (target.Length > limits.MaxUrlLength)
        {
            return Problems.Create(
                StatusCodes.Status414UriTooLong,
                $"The URL is {target.Length} characters long; at most {limits.MaxUrlLength} are accepted.").ExecuteAsync(context);
        }

        var (count, bytes) = (0, 0L);
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                count++;

                // As on the wire: "Name: value" and its line break.
                bytes += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        }

        if (count > limits.MaxHeaderCount || bytes > limits.MaxHeaderBytes)
        {
            // The connection cannot be trusted to carry a sane next request either.
            context.Response.Headers.Connection = "close";
            return Problems.Create(
                StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The request has {count} header lines of {bytes} bytes; at most {limits.MaxHeaderCount} lines of {limits.MaxHeaderBytes} bytes are accepted.").ExecuteAsync(context);
        }

        return next(context);
    }
}
