using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Actors.Gateway.Http;

/// <summary>Maps exceptions to problem answers in one place. Refusals are the caller's; only real faults are 500s.</summary>
public sealed class ActorExceptionHandler(ILogger<ActorExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying while storage is down.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Problems.Of(exception);
        if (problem is null && exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error while serving {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Details(StatusCodes.Status500InternalServerError, "The server failed; the error is logged.");
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Unavailable while serving {Path}: {Reason}", httpContext.Request.Path, exception.InnerException?.Message ?? exception.Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }
}
