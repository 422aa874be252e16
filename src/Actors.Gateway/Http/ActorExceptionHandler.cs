using Actors.Abstractions;
using Actors.Abstractions.Errors;
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
        IResult result;
        switch (exception)
        {
            case HistoryPrunedException pruned:
                var members = new Dictionary<string, object?>
                {
                    ["earliestVersion"] = pruned.EarliestVersion,
                    ["earliestTimestamp"] = pruned.EarliestTimestamp is { } earliest ? Timestamps.Format(earliest) : null,
                };
                if (pruned.MessageIndex is { } at)
                {
                    members["messageIndex"] = at;
                    members["messageType"] = pruned.MessageType;
                }

                result = Problems.Create(StatusCodes.Status410Gone, pruned.Message, members, ProblemCatalog.HistoryPrunedType, ProblemCatalog.HistoryPrunedTitle);
                break;
            case MessageFailedException failed:
                result = Problems.Create(Problems.StatusOf(failed.Kind), failed.Message, new Dictionary<string, object?>
                {
                    ["messageIndex"] = failed.MessageIndex,
                    ["messageType"] = failed.MessageType,
                });
                break;
            case PermissionDeniedException denied:
                var extensions = new Dictionary<string, object?> { ["permission"] = denied.Permission };
                if (denied.MessageIndex is { } index)
                {
                    extensions["messageIndex"] = index;
                    extensions["messageType"] = denied.MessageType;
                }

                result = Problems.Create(StatusCodes.Status403Forbidden, denied.Message, extensions);
                break;
            case ActorException refused:
                result = Problems.Create(Problems.StatusOf(refused.Kind), refused.Message, type: ProblemCatalog.TypeOf(refused.Kind));
                break;
            case var unavailable when ProblemCatalog.IsUnavailable(unavailable):
                // Retryable: nothing was acknowledged. A 500 would wrongly say the server is broken.
                logger.LogWarning("Unavailable while serving {Path}: {Reason}", httpContext.Request.Path, exception.InnerException?.Message ?? exception.Message);
                httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var (unavailableType, unavailableTitle) = ProblemCatalog.UnavailableProblem(unavailable);
                result = Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemCatalog.UnavailableDetail(unavailable), type: unavailableType, title: unavailableTitle);
                break;
            case BadHttpRequestException bad:
                result = Problems.Create(bad.StatusCode, bad.Message);
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                logger.LogError(exception, "Unhandled error while serving {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                result = Problems.Create(StatusCodes.Status500InternalServerError, "The server failed; the error is logged.");
                break;
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }
}
