using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Gateway.Http;

/// <summary>The one error shape: RFC 9457 problem details with a stable <c>type</c> per kind of error.</summary>
public static class Problems
{
    /// <summary>A problem answer; <paramref name="extensions"/> adds members such as <c>messageIndex</c>.</summary>
    public static ProblemHttpResult Create(int status, string detail, IDictionary<string, object?>? extensions = null, string? type = null, string? title = null) =>
        TypedResults.Problem(Details(status, detail, extensions, type, title));

    /// <summary>The problem details of <see cref="Create"/>, for a front door that writes them itself (the MCP tools).</summary>
    public static ProblemDetails Details(int status, string detail, IDictionary<string, object?>? extensions = null, string? type = null, string? title = null)
    {
        var (defaultType, defaultTitle) = ProblemCatalog.Describe(status);
        var problem = new ProblemDetails
        {
            Type = type ?? defaultType,
            Title = title ?? defaultTitle,
            Status = status,
            Detail = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    /// <summary>
    /// The problem that answers <paramref name="exception"/> when it is the caller's refusal (a 4xx naming what is wrong) or
    /// an outage a retry cures (503); null for anything else, which is a fault of the server. Every front door (the
    /// exception handler of the HTTP endpoints, the MCP tools) answers a refusal with the problem this gives.
    /// </summary>
    public static ProblemDetails? Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
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

                return Details(StatusCodes.Status410Gone, pruned.Message, members, ProblemCatalog.HistoryPrunedType, ProblemCatalog.HistoryPrunedTitle);
            case MessageFailedException failed:
                return Details(StatusOf(failed.Kind), failed.Message, new Dictionary<string, object?>
                {
                    ["messageIndex"] = failed.MessageIndex,
                    ["messageType"] = failed.MessageType,
                });
            case PermissionDeniedException denied:
                var extensions = new Dictionary<string, object?> { ["permission"] = denied.Permission };
                if (denied.MessageIndex is { } index)
                {
                    extensions["messageIndex"] = index;
                    extensions["messageType"] = denied.MessageType;
                }

                return Details(StatusCodes.Status403Forbidden, denied.Message, extensions);
            case ActorException refused:
                return Details(StatusOf(refused.Kind), refused.Message, type: ProblemCatalog.TypeOf(refused.Kind));
            case var unavailable when ProblemCatalog.IsUnavailable(unavailable):
                // Retryable: nothing was acknowledged. A 500 would wrongly say the server is broken.
                var (unavailableType, unavailableTitle) = ProblemCatalog.UnavailableProblem(unavailable);
                return Details(StatusCodes.Status503ServiceUnavailable, ProblemCatalog.UnavailableDetail(unavailable), type: unavailableType, title: unavailableTitle);
            case BadHttpRequestException bad:
                return Details(bad.StatusCode, bad.Message);
            default:
                return null;
        }
    }

    /// <summary>The HTTP status of a refusal.</summary>
    public static int StatusOf(ActorErrorKind kind) => ProblemCatalog.StatusOf(kind);
}
