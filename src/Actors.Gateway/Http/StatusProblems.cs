using Actors.Abstractions.Errors;
using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.Http;

/// <summary>
/// Gives the answers the framework makes itself (no route: 404, wrong method: 405, a bad request Kestrel refused) the
/// same shape as every other error: a <c>urn:actors:problem:</c> type and a detail that names the problem.
/// </summary>
public static class StatusProblems
{
    /// <summary>For <c>ProblemDetailsOptions.CustomizeProblemDetails</c>.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var path = QueryParameters.Shorten(request.Path.Value ?? "/");
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        (problem.Type, problem.Detail) = status switch
        {
            StatusCodes.Status404NotFound => (ProblemCatalog.Describe(status).Type, $"There is no resource at '{path}'. Actors are at /resources/actors/{{type}}/{{id}}."),
            StatusCodes.Status405MethodNotAllowed => (ProblemCatalog.Describe(status).Type, $"{request.Method} is not allowed on '{path}'."),
            StatusCodes.Status415UnsupportedMediaType => (ProblemCatalog.Describe(status).Type, $"Content-Type must be application/json, not '{QueryParameters.Shorten(request.ContentType ?? "")}'."),
            _ => (problem.Type, $"The request was refused with status {status}."),
        };
    }
}
