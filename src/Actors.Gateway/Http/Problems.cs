using Actors.Abstractions.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Gateway.Http;

/// <summary>The one error shape: RFC 9457 problem details with a stable <c>type</c> per kind of error.</summary>
public static class Problems
{
    /// <summary>A problem answer; <paramref name="extensions"/> adds members such as <c>messageIndex</c>.</summary>
    public static ProblemHttpResult Create(int status, string detail, IDictionary<string, object?>? extensions = null, string? type = null, string? title = null)
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

        return TypedResults.Problem(problem);
    }

    /// <summary>The HTTP status of a refusal.</summary>
    public static int StatusOf(ActorErrorKind kind) => ProblemCatalog.StatusOf(kind);
}
