using Actors.Abstractions.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Gateway.Http;

/// <summary>The one error shape: RFC 9457 problem details with a stable <c>type</c> per kind of error.</summary>
public static class Problems
{
    /// <summary>A problem answer; <paramref name="extensions"/> adds members such as <c>messageIndex</c>.</summary>
    public static ProblemHttpResult Create(int status, string detail, IDictionary<string, object?>? extensions = null, string? slug = null)
    {
        var (defaultSlug, title) = Describe(status);
        slug ??= defaultSlug;
        var problem = new ProblemDetails
        {
            Type = $"urn:actors:problem:{slug}",
            Title = title,
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
    public static int StatusOf(ActorErrorKind kind) => kind switch
    {
        ActorErrorKind.InvalidMessage => StatusCodes.Status400BadRequest,
        ActorErrorKind.NotFound => StatusCodes.Status404NotFound,
        ActorErrorKind.AlreadyExists => StatusCodes.Status409Conflict,
        ActorErrorKind.Deleted => StatusCodes.Status410Gone,
        ActorErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ActorErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ActorErrorKind.BusinessRule or ActorErrorKind.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    private static (string Slug, string Title) Describe(int status) => status switch
    {
        400 => ("invalid-request", "The request is invalid"),
        401 => ("unauthorized", "A valid bearer token is required"),
        403 => ("forbidden", "The token lacks a permission"),
        404 => ("not-found", "Not found"),
        409 => ("already-exists", "The actor already exists"),
        410 => ("deleted", "The actor is deleted"),
        412 => ("precondition-failed", "The actor has moved on"),
        413 => ("too-large", "The request is too large"),
        415 => ("unsupported-media-type", "The body must be application/json"),
        422 => ("business-rule", "A business rule refused the request"),
        503 => ("storage-unavailable", "Storage is unavailable"),
        _ => ("server-error", "The server failed"),
    };
}
