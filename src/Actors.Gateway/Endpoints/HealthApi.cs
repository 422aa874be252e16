using System.Text.Json;
using Actors.Gateway.Health;
using Microsoft.AspNetCore.Builder;
using System.Text.Json.Nodes;
using Actors.Gateway.OpenApi;
using D = Actors.Gateway.OpenApi.OpenApiDescriptions;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (its storage answers, it is an active member of
/// the cluster, and it is not stopping), both ASP.NET Core health checks; 503 when not ready.
/// </summary>
public static class HealthApi
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Which failing check names the status when several fail.</summary>
    private static readonly List<string> HealthChecksOrder = [StoppingHealthCheck.Name, StorageHealthCheck.Name, MembershipHealthCheck.Name];

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", Options("live", _ => false)).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .Describe("health", "getLive", "Is the silo live?", "The process answers.")
            .Answers(StatusCodes.Status200OK, "live", Status("live"));
        app.MapHealthChecks("/health/ready", Options("ready", c => c.Tags.Contains(ReadyTag))).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .Describe("health", "getReady", "Is the silo ready?",
                "The journal store answers, the silo is an active member of its Orleans cluster, and it is not stopping; 503 otherwise.")
            .Answers(StatusCodes.Status200OK, "ready", Status("ready"))
            .Answers(StatusCodes.Status503ServiceUnavailable,
                "Storage is unavailable, the silo is not an active cluster member, or it is stopping (not a problem document: a health status).", Status("ready"));
        return app;
    }

    /// <summary>The health status's schema, for the OpenAPI document.</summary>
    private static JsonObject Status(string name) => D.Object(null, ["status", "checks"],
        ("status", D.Described(D.String(), $"'{name}', or what the first failing check says: 'stopping', 'storage unavailable', 'not an active cluster member'.")),
        ("checks", new JsonObject { ["type"] = "object", ["additionalProperties"] = D.Object(null, ["status"], ("status", D.String()), ("description", D.String())) }));

    private static HealthCheckOptions Options(string healthy, Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = (http, report) => WriteAsync(http, report, healthy),
    };

    /// <summary>
    /// <c>{"status", "checks": {name: {status, description}}}</c>: <c>status</c> is <paramref name="healthy"/>, or what the
    /// first failing check says (<c>stopping</c>, <c>storage unavailable</c>, <c>not an active cluster member</c>).
    /// </summary>
    private static Task WriteAsync(HttpContext http, HealthReport report, string healthy)
    {
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).OrderBy(e => HealthChecksOrder.IndexOf(e.Key)).Select(e => e.Value.Description).FirstOrDefault();
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status == HealthStatus.Healthy ? healthy : failing ?? report.Status.ToString().ToLowerInvariant(),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, string?> { ["status"] = e.Value.Status.ToString().ToLowerInvariant(), ["description"] = e.Value.Description }),
        };
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, body, cancellationToken: http.RequestAborted);
    }
}
